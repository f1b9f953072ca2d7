import {
  controlIndex,
  describeLength,
  headerNameProblem,
  headerValueProblem,
  inputLimits,
  singleLineProblem,
} from '../input-rules.js';

/**
 * What can be said about a composer draft before its `{{variables}}` are filled in: a line break
 * in a header or in the URL is wrong whatever the variables hold. resolveDraft checks the filled-in
 * request again with the same rules, since a variable's value can bring a bad character too.
 */

/** A problem and the field it belongs to (zod-style path into the draft). */
export interface DraftIssue {
  path: (string | number)[];
  message: string;
}

/** The longest URL a draft may hold (browsers and servers give up long before). */
export const MAX_URL_CHARS = 64 * 1024;

const hasVariable = (text: string): boolean => text.includes('{{');

/** The URL: one line, no control characters, not absurdly long. */
export function urlTextProblem(url: string): string | undefined {
  if (url.length > MAX_URL_CHARS) {
    return `The URL is ${describeLength(url.length)} long; at most ${describeLength(MAX_URL_CHARS)} fits. Put long data in the body instead.`;
  }
  const trimmed = url.trim();
  const at = controlIndex(trimmed);
  if (at >= 0) {
    const code = trimmed.charCodeAt(at);
    const what =
      code === 13 || code === 10 ? 'a line break' : code === 9 ? 'a tab' : 'a control character';
    return `The URL contains ${what} (U+${code.toString(16).toUpperCase().padStart(4, '0')}); a URL is one line. Remove it.`;
  }
  return undefined;
}

/** A header name as typed: a token, unless it is built from a variable (checked once filled in). */
export function headerNameTextProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (hasVariable(trimmed)) {
    return singleLineProblem(trimmed, 'The header name', inputLimits.headerName);
  }
  return headerNameProblem(trimmed);
}

/** Per-field problems of a draft's URL, headers and auth header. */
export function draftTextIssues(draft: {
  url: string;
  headers: readonly { name: string; value: string }[];
  auth: { type: string; name?: string; value?: string };
}): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const url = urlTextProblem(draft.url);
  if (url !== undefined) issues.push({ path: ['url'], message: url });
  draft.headers.forEach((header, index) => {
    if (header.name.trim() === '' && header.value === '') return;
    const name =
      header.name.trim() === '' ? 'Enter a header name.' : headerNameTextProblem(header.name);
    if (name !== undefined) issues.push({ path: ['headers', index, 'name'], message: name });
    const value = headerValueProblem(header.value, header.name.trim() || undefined);
    if (value !== undefined) issues.push({ path: ['headers', index, 'value'], message: value });
  });
  if (draft.auth.type === 'header') {
    const name = draft.auth.name ?? '';
    if (name.trim() !== '') {
      const problem = headerNameTextProblem(name);
      if (problem !== undefined) issues.push({ path: ['auth', 'name'], message: problem });
    }
    const value = headerValueProblem(draft.auth.value ?? '', name.trim() || undefined);
    if (value !== undefined) issues.push({ path: ['auth', 'value'], message: value });
  }
  return issues;
}
