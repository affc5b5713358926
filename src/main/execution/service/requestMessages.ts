import type { StoredMessage } from '../../../shared/contract/ledger';
import {
  IMAGE_DATA_URL,
  MAX_IMAGE_BYTES,
  type ImageInput,
  type ParsedRoutingRequest,
} from '../../../shared/contract/routing';
import { SwitchyardError } from '../../core/errors';
import type { ChatMessage, UserContentPart } from '../types';

type ContractContent = NonNullable<ParsedRoutingRequest['messages']>[number]['content'];

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Decoded size of base64 text, without decoding it. */
const base64Bytes = (b64: string): number =>
  Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/**
 * An image with its data becomes a part the SDK sends; one without (a size hint for routing only)
 * is dropped. Too large is refused here, before any budget is reserved or provider called.
 */
function imagePart(image: ImageInput, n: number): UserContentPart | null {
  if (image.data === undefined) return null;
  const match = IMAGE_DATA_URL.exec(image.data);
  if (!match?.[1] || match[2] === undefined) return null; // the contract's regex already refused it
  const bytes = base64Bytes(match[2]);
  if (bytes > MAX_IMAGE_BYTES) {
    throw new SwitchyardError(
      'PAYLOAD_TOO_LARGE',
      `Image ${n} is ${megabytes(bytes)}; images up to ${megabytes(MAX_IMAGE_BYTES)} can be sent. Shrink or crop it and try again.`,
      { image: n, bytes, limitBytes: MAX_IMAGE_BYTES },
    );
  }
  return { type: 'image', image: match[2], mediaType: match[1] };
}

/**
 * The chat sent to the provider. Images with data go to the provider as content parts of user
 * messages (the only place chat APIs take them); an image in a system, assistant or tool message is
 * refused rather than silently dropped. Tool results have no tool-call protocol here yet and are
 * passed on as user text.
 */
export function chatMessages(r: ParsedRoutingRequest): ChatMessage[] {
  let imageCount = 0;
  const parts = (content: ContractContent, role: string): string | UserContentPart[] => {
    if (typeof content === 'string') return content;
    const out: UserContentPart[] = [];
    for (const p of content) {
      if (p.type === 'text') out.push({ type: 'text', text: p.text });
      else {
        imageCount += 1;
        const part = imagePart(p.image, imageCount);
        if (part && role !== 'user') {
          throw new SwitchyardError(
            'VALIDATION_FAILED',
            `Image ${imageCount} is in a ${role} message; providers take images in user messages only.`,
            { image: imageCount, role },
          );
        }
        if (part) out.push(part);
      }
    }
    return out.some((p) => p.type === 'image') ? out : textOf(out);
  };
  const out: ChatMessage[] = (r.messages ?? []).map((m): ChatMessage => {
    const content = parts(m.content, m.role);
    if (m.role === 'user' || m.role === 'tool') return { role: 'user', content };
    return { role: m.role, content: typeof content === 'string' ? content : textOf(content) };
  });
  if (r.prompt !== undefined) {
    const images = r.images.flatMap((img) => {
      imageCount += 1;
      return imagePart(img, imageCount) ?? [];
    });
    out.push({
      role: 'user',
      content: images.length > 0 ? [{ type: 'text', text: r.prompt }, ...images] : r.prompt,
    });
  }
  return out;
}

function textOf(content: string | readonly UserContentPart[]): string {
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** What the ledger may keep of the messages: their text and how many images each had, never the bytes. */
export function storedMessages(messages: readonly ChatMessage[]): StoredMessage[] {
  return messages.map((m) => {
    const images = typeof m.content === 'string' ? 0 : m.content.filter((p) => p.type === 'image').length;
    return { role: m.role, content: textOf(m.content), ...(images > 0 ? { images } : {}) };
  });
}
