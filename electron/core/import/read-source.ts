import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { Agent } from 'undici';
import { parse as parseYaml } from 'yaml';
import { AppError } from '#shared/errors.js';
import { sendHttpRequest } from '../http/send.js';
import { describeUrl } from '../http/url-policy.js';

/** Largest document imported (GitHub's REST description is 13 MB; the largest we know, 80 MB). */
export const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 60_000;

/** A document's text, where it came from, and a name to fall back on. */
export interface SourceText {
  text: string;
  /** A file path or URL external `$ref`s are relative to; undefined for pasted text. */
  base?: { type: 'file' | 'url'; location: string };
  name: string;
}

export async function readFileSource(path: string): Promise<SourceText> {
  if (!isAbsolute(path)) {
    throw new AppError('validation', 'Choose the document by its full path.', {
      hint: 'For example /home/me/specs/openapi.yaml.',
    });
  }
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    throw new AppError('not_found', `There is no file at ${path}.`, {
      hint: 'Check the path, or drop the file instead.',
    });
  }
  if (info.size > MAX_DOCUMENT_BYTES) throw tooLarge(info.size);
  return {
    text: await readFile(path, 'utf8'),
    base: { type: 'file', location: path },
    name: stemOf(basename(path)),
  };
}

/** Fetch a document over http(s), following at most 5 redirects; no credentials are sent. */
export async function fetchUrlSource(
  raw: string,
  dispatcher: Agent = sharedAgent(),
): Promise<SourceText> {
  let url = checkedUrl(raw);
  for (let hop = 0; hop <= 5; hop += 1) {
    const res = await sendHttpRequest({
      url,
      method: 'GET',
      headers: {
        accept: 'application/json, application/yaml, text/yaml, text/plain;q=0.9, */*;q=0.5',
      },
      dispatcher,
      timeoutMs: FETCH_TIMEOUT_MS,
      maxResponseBytes: MAX_DOCUMENT_BYTES,
      redirect: 'manual',
    });
    if (res.status >= 300 && res.status < 400 && res.headers.location !== undefined) {
      url = checkedUrl(new URL(res.headers.location, url).toString());
      continue;
    }
    if (res.status < 200 || res.status >= 300) {
      throw new AppError('http', `${describeUrl(url)} answered ${res.status}.`, {
        hint: 'Check the address; the document must be reachable without signing in.',
        status: res.status,
      });
    }
    return {
      text: res.body.toString('utf8'),
      base: { type: 'url', location: url.toString() },
      name: stemOf(decodeURIComponent(url.pathname.split('/').pop() ?? '') || url.hostname),
    };
  }
  throw new AppError('redirect', `${describeUrl(url)} redirected more than 5 times.`, {
    hint: 'Use the final address of the document.',
  });
}

let agent: Agent | undefined;
function sharedAgent(): Agent {
  agent ??= new Agent({ connect: { timeout: 15_000 } });
  return agent;
}

function checkedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('validation', 'That is not a valid URL.', {
      hint: 'Enter a full address such as https://example.com/openapi.yaml.',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(
      'validation',
      `Documents are fetched over http or https, not ${url.protocol}.`,
      {
        hint: 'Use an https:// address, or import the file instead.',
      },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new AppError('validation', 'The URL contains a user name or password.', {
      hint: 'Remove them; download the document and import the file instead.',
    });
  }
  url.hash = '';
  return url;
}

function tooLarge(size: number): AppError {
  return new AppError(
    'validation',
    `The document is ${Math.round(size / 1024 / 1024)} MB; at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB can be imported.`,
    {
      hint: 'Import a smaller part of the API.',
    },
  );
}

function stemOf(fileName: string): string {
  return fileName.replace(/\.(ya?ml|json)$/i, '') || 'Imported API';
}

/** Parse JSON or YAML; a syntax error says where. */
export function parseDocumentText(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      // YAML is a superset of JSON: let the YAML parser say where the problem is.
    }
  }
  try {
    return parseYaml(text, { maxAliasCount: 10_000, prettyErrors: true }) as unknown;
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
    throw new AppError('validation', `The document is neither JSON nor YAML: ${message}`, {
      hint: 'Import an OpenAPI/Swagger document, a Postman collection or an Insomnia export.',
    });
  }
}
