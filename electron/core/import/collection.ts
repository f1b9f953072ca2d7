import type { ImportKind, OperationRef } from '#shared/import/schemas.js';
import type { RequestDraftInput } from '#shared/requests/schemas.js';

/** One request of an imported collection, before it is written. */
export interface ImportedRequest {
  /** Folder names below the collection's folder (a tag, or Postman/Insomnia folders). */
  folders: string[];
  name: string;
  draft: RequestDraftInput;
  /** OpenAPI only: the operation (the stored document's path is added when it is written). */
  operation?: Omit<OperationRef, 'spec'>;
}

/** A document turned into a collection, in memory. */
export interface ImportedCollection {
  kind: ImportKind;
  name: string;
  description: string;
  format: string;
  requests: ImportedRequest[];
  /** Descriptions of folders, keyed by their names joined with `/`. */
  folderDescriptions: Map<string, string>;
  environment?: {
    variables: { name: string; value: string }[];
    baseUrls: { name: string; url: string }[];
  };
  security: string[];
  notImported: string[];
  /** OpenAPI only: the bundled document, stored beside the requests for validation and examples. */
  document?: unknown;
}

/** A value as short text for a parameter row. */
export function sampleText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A name every file system accepts as a folder name (tags may hold `/`, `:`…). */
export function safeFolderName(name: string): string {
  const cleaned = [...name]
    .map((c) =>
      c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '/\\:*?"<>|'.includes(c) ? '-' : c,
    )
    .join('')
    .trim()
    .slice(0, 100)
    .replace(/[ .]+$/, '')
    .replace(/^\.+/, '');
  if (cleaned === '' || /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(cleaned)) return 'untitled';
  return cleaned === 'environments' ? 'environments-folder' : cleaned;
}

/** Plural helper for report lines. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
