import type { AttachedImage } from './composeStore';

/**
 * The contract's limits (MAX_IMAGE_BYTES, IMAGE_MEDIA_TYPES in shared/contract/routing.ts; the
 * renderer imports the contract for types only). 1 MiB also keeps a run's body, base64 adding a
 * third, under the headless shell's 2 MiB.
 */
export const MAX_IMAGE_BYTES = 1024 * 1024;
const SENDABLE_TYPES: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
};

export class ImageRejected extends Error {}

function dataUrlOf(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

function sizeOf(dataUrl: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new ImageRejected('This file is not an image the browser can open.'));
    img.src = dataUrl;
  });
}

let counter = 0;

/** Reads a picked or pasted file into an attachment, with its pixel size (vision models bill by it). */
export async function readImage(file: File): Promise<AttachedImage> {
  counter += 1;
  // A pasted screenshot has no useful name ("image.png" at best).
  const name = file.name || `pasted-image-${counter}`;
  if (!file.type.startsWith('image/')) throw new ImageRejected(`${name} is not an image.`);
  if (!(file.type in SENDABLE_TYPES)) {
    throw new ImageRejected(
      `${name} is ${file.type.replace('image/', '').toUpperCase()}; vision models take PNG, JPEG, GIF or WebP.`,
    );
  }
  if (file.size > MAX_IMAGE_BYTES) {
    throw new ImageRejected(
      `${name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; images up to 1 MB can be attached.`,
    );
  }
  const dataUrl = await dataUrlOf(file);
  const { width, height } = await sizeOf(dataUrl);
  return { id: `img-${counter}`, name, dataUrl, width, height, sizeBytes: file.size };
}

/** The image files of a paste (a screenshot, or files copied in a file manager). */
export function pastedImages(data: DataTransfer | null): File[] {
  if (!data) return [];
  return Array.from(data.files).filter((f) => f.type.startsWith('image/'));
}
