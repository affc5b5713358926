import type { AttachedImage } from './composeStore';

/** The headless shell takes request bodies up to 2 MiB; base64 adds a third, so images stay under 1 MiB. */
export const MAX_IMAGE_BYTES = 1024 * 1024;

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

/** Reads a picked file into an attachment, with its pixel size (vision models bill by it). */
export async function readImage(file: File): Promise<AttachedImage> {
  if (!file.type.startsWith('image/')) throw new ImageRejected(`${file.name} is not an image.`);
  if (file.size > MAX_IMAGE_BYTES) {
    throw new ImageRejected(
      `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; images up to 1 MB can be attached.`,
    );
  }
  const dataUrl = await dataUrlOf(file);
  const { width, height } = await sizeOf(dataUrl);
  counter += 1;
  return { id: `img-${counter}`, name: file.name, dataUrl, width, height, sizeBytes: file.size };
}
