import { useEffect, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import { call } from '../../api/call.js';

/**
 * An image body shown as an `<img>` from a `data:` URL that main builds after checking the bytes
 * are a PNG, JPEG, GIF, WebP or SVG (an `<img>` never runs an SVG's scripts).
 */
export function ImagePreview({ responseId }: { responseId: string }): ReactElement {
  const [image, setImage] = useState<{ id: string; mime: string; dataUrl: string } | null>(null);
  const [error, setError] = useState<{ id: string; error: IpcError } | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  useEffect(() => {
    let live = true;
    void call('requests:body-image', { responseId }).then((result) => {
      if (!live) return;
      if (result.ok) setImage({ id: responseId, ...result.value });
      else setError({ id: responseId, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [responseId]);

  if (error?.id === responseId) {
    return (
      <div className="cx-pad" role="alert">
        <p className="cx-error-text">{error.error.message}</p>
        {error.error.hint !== undefined && <p className="cx-muted cx-small">{error.error.hint}</p>}
      </div>
    );
  }
  if (image?.id !== responseId) return <p className="cx-muted cx-pad">Loading the image…</p>;
  return (
    <figure className="image-preview">
      <img
        src={image.dataUrl}
        alt="The response body as an image"
        onLoad={(e) =>
          setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
        }
      />
      <figcaption className="cx-muted cx-small">
        {image.mime}
        {size !== null && ` · ${size.width} × ${size.height} px`}
      </figcaption>
    </figure>
  );
}
