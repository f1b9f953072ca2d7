import type { BodyKind } from './schemas.js';

/** Languages the pretty view formats; anything else is shown as received. */
export type PrettyLanguage = 'json' | 'xml' | 'html';

const XML_TYPES = /^(?:application|text)\/(?:[\w.-]+\+)?xml\b|\+xml\b/i;
const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

/**
 * The language a body is pretty-printed in, from its kind and content type. Main and the page both ask this, so they agree on whether
 * a pretty view exists.
 */
export function prettyLanguage(kind: BodyKind, contentType: string | null): PrettyLanguage | null {
  if (kind === 'json') return 'json';
  if (kind !== 'text') return null;
  const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (HTML_TYPES.test(type)) return 'html';
  if (XML_TYPES.test(type)) return 'xml';
  return null;
}
