import { AppError } from '#shared/errors.js';
import { withBody } from './body-file.js';
import type { StoredBody } from './response-store.js';

/** Images larger than this are not previewed (save them instead). */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const SIGNATURES: readonly { mime: string; test: (b: Buffer) => boolean }[] = [
  {
    mime: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  },
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/gif', test: (b) => /^GIF8[79]a/.test(b.toString('latin1', 0, 6)) },
  {
    mime: 'image/webp',
    test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
];

/** The image type of a body, from its bytes (and, for SVG, its text); null when it is not one. */
export function imageType(head: Buffer, contentType: string | null): string | null {
  for (const s of SIGNATURES) if (s.test(head)) return s.mime;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const svgText =
    /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i;
  if ((type === 'image/svg+xml' || type === '') && svgText.test(text)) return 'image/svg+xml';
  return null;
}

/**
 * A response body as a `data:` URL for an `<img>`, when its bytes are a PNG, JPEG, GIF, WebP or
 * SVG. An `<img>` never runs an SVG's scripts or loads what it links to, so the SVG is shown as
 * it came; the page's policy allows images only from itself and `data:`.
 */
export async function bodyImage(body: StoredBody): Promise<{ mime: string; dataUrl: string }> {
  if (body.size > MAX_IMAGE_BYTES) {
    throw new AppError('validation', 'This image is too large to preview (over 10 MB).', {
      hint: 'Save it to a file and open it in an image viewer.',
    });
  }
  const bytes = await withBody(body.path, (reader) => reader.read(0, body.size));
  const mime = imageType(bytes.subarray(0, 1024), body.contentType);
  if (mime === null) {
    throw new AppError('validation', 'This body is not an image the viewer can show.', {
      hint: 'PNG, JPEG, GIF, WebP and SVG are previewed; look at the others in the Hex view.',
    });
  }
  return { mime, dataUrl: `data:${mime};base64,${bytes.toString('base64')}` };
}
