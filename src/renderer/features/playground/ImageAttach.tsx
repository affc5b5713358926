import { useEffect, useRef, useState } from 'react';
import { formatBytes } from './format';
import { useCompose, type AttachedImage } from './composeStore';
import { ImageRejected, pastedImages, readImage } from './readImage';

async function attachFiles(
  files: readonly File[],
  addImage: (image: AttachedImage) => void,
  setProblem: (problem: string | null) => void,
): Promise<void> {
  setProblem(null);
  for (const file of files) {
    try {
      addImage(await readImage(file));
    } catch (e) {
      setProblem(e instanceof ImageRejected ? e.message : `${file.name || 'The image'} could not be read.`);
    }
  }
}

/**
 * Attach images for a vision model, by the file picker or by pasting anywhere on the screen; the
 * router then only considers models that can see, and a run sends the images with the prompt.
 */
export function ImageAttach() {
  const images = useCompose((s) => s.images);
  const addImage = useCompose((s) => s.addImage);
  const removeImage = useCompose((s) => s.removeImage);
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const attach = (files: readonly File[]) => attachFiles(files, addImage, setProblem);

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const files = pastedImages(e.clipboardData);
      if (files.length === 0) return; // text pastes go on as usual
      e.preventDefault();
      void attachFiles(files, addImage, setProblem);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [addImage]);

  return (
    <div className="pg-attach">
      <input
        ref={input}
        id="attach-image"
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        multiple
        className="visually-hidden"
        onChange={(e) => {
          void attach(Array.from(e.target.files ?? [])).then(() => {
            if (input.current) input.current.value = '';
          });
        }}
      />
      <label htmlFor="attach-image" className="button button--small">
        Attach image
      </label>
      <span className="muted small"> or paste one (PNG, JPEG, GIF, WebP; up to 1 MB)</span>
      {images.length > 0 && (
        <ul className="pg-attach__list" aria-label="Attached images">
          {images.map((img) => (
            <li key={img.id} className="pg-attach__item">
              <img src={img.dataUrl} alt={`Thumbnail of ${img.name}`} className="pg-attach__thumb" />
              <span className="pg-attach__name" title={img.name}>
                {img.name}
              </span>
              <span className="muted small">
                {img.width}×{img.height} · {formatBytes(img.sizeBytes)}
              </span>
              <button
                type="button"
                className="button button--icon"
                aria-label={`Remove ${img.name}`}
                onClick={() => removeImage(img.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {images.length > 0 && (
        <p className="muted small">
          Images steer routing to a vision model and count toward its input tokens. A run sends them to the
          model with the prompt; the ledger keeps only that an image was attached, never the image.
        </p>
      )}
      {problem && (
        <p className="pg-field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
