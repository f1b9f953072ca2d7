import type { PrettyLanguage } from '#shared/requests/pretty-language.js';

/** A run of one line of the pretty view and its class (`tok-key`, `tok-string`…, or '' for plain). */
export interface Token {
  text: string;
  kind: '' | 'key' | 'string' | 'number' | 'literal' | 'punct' | 'tag' | 'attr' | 'comment';
}

const JSON_TOKEN =
  /("(?:[^"\\]|\\.)*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])/g;
const MARKUP_TOKEN =
  /(<!--.*?(?:-->|$))|(<\/?[^\s>/]+)|("[^"]*"?|'[^']*'?)|([\w:.-]+)(?==)|(\/?>)/g;

function push(out: Token[], text: string, kind: Token['kind']): void {
  if (text === '') return;
  const last = out.at(-1);
  if (last !== undefined && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

/**
 * Split one line of the pretty view into highlighted runs. The formatter puts every key, value
 * and tag on a line of its own, so a line is enough context: no state crosses lines (a cut
 * string or comment simply runs to the end of the line).
 */
export function tokenizeLine(line: string, language: PrettyLanguage): Token[] {
  const out: Token[] = [];
  let last = 0;
  if (language === 'json') {
    for (const m of line.matchAll(JSON_TOKEN)) {
      push(out, line.slice(last, m.index), '');
      if (m[1] !== undefined) {
        push(out, m[1], m[2] !== undefined ? 'key' : 'string');
        if (m[2] !== undefined) push(out, m[2], 'punct');
      } else if (m[3] !== undefined) push(out, m[3], 'number');
      else if (m[4] !== undefined) push(out, m[4], 'literal');
      else push(out, m[0], 'punct');
      last = m.index + m[0].length;
    }
  } else {
    // Attribute values and names count only inside a tag: text between tags stays plain.
    let inTag = false;
    for (const m of line.matchAll(MARKUP_TOKEN)) {
      const inside = inTag || m[1] !== undefined || m[2] !== undefined;
      if (!inside) continue;
      push(out, line.slice(last, m.index), '');
      if (m[1] !== undefined) push(out, m[1], 'comment');
      else if (m[2] !== undefined) {
        push(out, m[2], 'tag');
        inTag = true;
      } else if (m[3] !== undefined) push(out, m[3], 'string');
      else if (m[4] !== undefined) push(out, m[4], 'attr');
      else {
        push(out, m[0], 'tag');
        inTag = false;
      }
      last = m.index + m[0].length;
    }
  }
  push(out, line.slice(last), '');
  return out;
}
