import { useRef, useState } from 'react';
import { useCompose } from './composeStore';
import { ImageRejected, readImage } from './readImage';

/** Attach images for a vision model; the router then only considers models that can see. */
export function ImageAttach() {
  const images = useCompose((s) => s.images);
  const addImage = useCompose((s) => s.addImage);
  const removeImage = useCompose((s) => s.removeImage);
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function onPick(files: FileList | null) {
    setProblem(null);
    for (const file of Array.from(files ?? [])) {
      try {
        addImage(await readImage(file));
      } catch (e) {
        setProblem(e instanceof ImageRejected ? e.message : `${file.name} could not be read.`);
      }
    }
    if (input.current) input.current.value = '';
  }

  return (
    <div className="pg-attach">
      <input
        ref={input}
        id="attach-image"
        type="file"
        accept="image/*"
        multiple
        className="visually-hidden"
        onChange={(e) => void onPick(e.target.files)}
      />
      <label htmlFor="attach-image" className="button button--small">
        Attach image
      </label>
      {images.length > 0 && (
        <ul className="pg-attach__list" aria-label="Attached images">
          {images.map((img) => (
            <li key={img.id} className="pg-attach__item">
              <img src={img.dataUrl} alt="" className="pg-attach__thumb" />
              <span className="pg-attach__name" title={img.name}>
                {img.name}
              </span>
              <span className="muted small">
                {img.width}×{img.height}
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
          Images steer routing to a vision model and count toward its tokens. The contract does not carry
          image data to providers yet, so a run sends the text only.
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
