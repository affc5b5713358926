import { createHash } from 'node:crypto';
import type { SeenImage } from '../answers';
import { WireRequestError } from './types';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

const record = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** An inline image as the fake acknowledges it: media type, size and a hash, never the bytes. */
function inline(mediaType: unknown, data: unknown, where: string): SeenImage {
  if (typeof mediaType !== 'string' || !mediaType.startsWith('image/'))
    throw new WireRequestError(`${where}: expected an image media type`);
  if (typeof data !== 'string' || data === '' || data.length % 4 !== 0 || !BASE64.test(data))
    throw new WireRequestError(`${where}: the image data is not valid base64`);
  const bytes = Buffer.from(data, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return { mediaType, bytes: bytes.length, sha256 };
}

const linked = (mediaType: unknown): SeenImage => ({
  mediaType: typeof mediaType === 'string' ? mediaType : null,
  bytes: null,
  sha256: null,
});

function fromUrl(url: unknown, where: string): SeenImage {
  if (typeof url !== 'string') throw new WireRequestError(`${where}: image url must be a string`);
  const m = DATA_URL.exec(url);
  return m ? inline(m[1], m[2], where) : linked(null);
}

/** OpenAI chat parts: `{type:'image_url', image_url:{url}}` (Mistral's SDK sends the url as a string). */
export function openAiImages(content: unknown): SeenImage[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((p: unknown) => {
    const part = record(p);
    if (part?.['type'] !== 'image_url') return [];
    const img = part['image_url'];
    return [fromUrl(typeof img === 'string' ? img : record(img)?.['url'], 'image_url')];
  });
}

/** Anthropic blocks: `{type:'image', source:{type:'base64', media_type, data} | {type:'url', url}}`. */
export function anthropicImages(content: unknown): SeenImage[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((p: unknown) => {
    const part = record(p);
    if (part?.['type'] !== 'image') return [];
    const source = record(part['source']);
    if (source?.['type'] === 'base64') return [inline(source['media_type'], source['data'], 'image.source')];
    if (source?.['type'] === 'url') return [linked(null)];
    throw new WireRequestError('image.source: expected a base64 or url source');
  });
}

/** Gemini parts: `{inlineData:{mimeType, data}}` or `{fileData:{mimeType, fileUri}}`. */
export function geminiImages(parts: unknown): SeenImage[] {
  if (!Array.isArray(parts)) return [];
  return parts.flatMap((p: unknown) => {
    const part = record(p);
    const data = record(part?.['inlineData'] ?? part?.['inline_data']);
    const mime = data?.['mimeType'] ?? data?.['mime_type'];
    // Other inline files (PDF, audio) are not images; the fake ignores them.
    if (data && typeof mime === 'string' && !mime.startsWith('image/')) return [];
    if (data) return [inline(mime, data['data'], 'inlineData')];
    const file = record(part?.['fileData'] ?? part?.['file_data']);
    if (file) return [linked(file['mimeType'] ?? file['mime_type'])];
    return [];
  });
}
