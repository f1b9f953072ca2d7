import { createRequire } from 'node:module';
import { AppError } from '#shared/errors.js';
import {
  httpMethods,
  type HttpMethod,
  type RequestAuth,
  type Row,
} from '#shared/requests/schemas.js';
import { plural, sampleText, type ImportedCollection, type ImportedRequest } from './collection.js';

/**
 * A Postman collection (v2.1, or v2.0) read through Postman's own SDK (`postman-collection`),
 * which normalises URLs, bodies and variables; then each request becomes a draft. Scripts,
 * file fields, GraphQL bodies and auth the connection cannot stand for are listed, not dropped.
 */

type Json = Record<string, unknown>;

/** The part of Postman's SDK used here (it is CommonJS without bundled type declarations). */
interface PostmanSdk {
  Collection: new (definition: unknown) => { toJSON(): unknown };
}
let sdk: PostmanSdk | undefined;
const postman = (): PostmanSdk =>
  (sdk ??= createRequire(import.meta.url)('postman-collection') as PostmanSdk);
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** True when the value looks like a Postman collection export. */
export function isPostmanCollection(value: unknown): boolean {
  return (
    isObject(value) &&
    isObject(value.info) &&
    typeof value.info.schema === 'string' &&
    value.info.schema.includes('getpostman.com') &&
    Array.isArray(value.item)
  );
}

export function importPostman(value: unknown, fallbackName: string): ImportedCollection {
  if (!isPostmanCollection(value)) {
    throw new AppError(
      'validation',
      'This is not a Postman collection (no info.schema from getpostman.com, or no items).',
      {
        hint: 'In Postman, use Export on the collection and choose "Collection v2.1".',
      },
    );
  }
  const schemaUrl = text((value as { info: Json }).info.schema);
  const format = /v2\.1/.test(schemaUrl)
    ? 'Postman collection v2.1'
    : /v2\.0/.test(schemaUrl)
      ? 'Postman collection v2.0'
      : 'Postman collection';
  const normalised = new (postman().Collection)(value).toJSON() as Json;
  const info = isObject(normalised.info) ? normalised.info : {};
  const notImported: string[] = [];
  const requests: ImportedRequest[] = [];
  const folderDescriptions = new Map<string, string>();
  const variables: { name: string; value: string }[] = [];
  for (const v of Array.isArray(normalised.variable) ? normalised.variable : []) {
    if (isObject(v) && typeof v.key === 'string' && v.key !== '' && v.disabled !== true) {
      variables.push({ name: v.key, value: sampleText(v.value) });
    }
  }
  const eventsOf = (node: Json, where: string): void => {
    const events = Array.isArray(node.event) ? node.event.filter(isObject) : [];
    const withCode = events.filter(
      (e) =>
        isObject(e.script) &&
        (Array.isArray(e.script.exec)
          ? e.script.exec.join('').trim() !== ''
          : text(e.script.exec).trim() !== ''),
    );
    if (withCode.length > 0) {
      const kinds = [...new Set(withCode.map((e) => text(e.listen)))].join(' and ');
      notImported.push(
        `${where}: ${kinds} script${withCode.length === 1 ? '' : 's'} (scripts do not run in Grantline).`,
      );
    }
  };
  eventsOf(normalised, 'The collection');
  const collectionAuth = isObject(normalised.auth) ? normalised.auth : undefined;
  const walk = (items: unknown, folders: string[], inheritedAuth: Json | undefined): void => {
    for (const raw of Array.isArray(items) ? items : []) {
      if (!isObject(raw)) continue;
      const name = (text(raw.name).trim() || 'Request').slice(0, 200);
      const where = [...folders, name].join(' / ');
      eventsOf(raw, where);
      const own = isObject(raw.request) && isObject(raw.request.auth) ? raw.request.auth : raw.auth;
      const auth = isObject(own) ? own : inheritedAuth;
      if (Array.isArray(raw.item)) {
        const description = descriptionText(raw.description);
        if (description !== '') folderDescriptions.set([...folders, name].join('/'), description);
        walk(raw.item, [...folders, name], auth);
        continue;
      }
      if (!isObject(raw.request)) continue;
      const request = convertRequest(raw.request, auth, where, notImported);
      if (request === undefined) continue;
      requests.push({ folders, name, draft: request });
    }
  };
  walk(normalised.item, [], collectionAuth);
  if (Array.isArray(normalised.item) && requests.length === 0)
    notImported.push('The collection holds no request.');
  return {
    kind: 'postman',
    name: (text(info.name).trim() || fallbackName).slice(0, 200),
    description: descriptionText(info.description),
    format,
    requests,
    folderDescriptions,
    ...(variables.length > 0 ? { environment: { variables, baseUrls: [] } } : {}),
    security: collectionAuth !== undefined ? [`Collection auth: ${text(collectionAuth.type)}`] : [],
    notImported,
  };
}

function descriptionText(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 10_000);
  if (isObject(value)) return text(value.content).slice(0, 10_000);
  return '';
}

function authOf(auth: Json | undefined, where: string, notImported: string[]): RequestAuth {
  const type = auth === undefined ? 'noauth' : text(auth.type);
  if (type === 'noauth' || type === '') return { type: 'none' };
  if (type === 'bearer' || type === 'oauth2' || type === 'jwt') return { type: 'connection' };
  const params =
    auth !== undefined && Array.isArray(auth[type])
      ? (auth[type] as unknown[]).filter(isObject)
      : [];
  const param = (key: string): string => sampleText(params.find((p) => p.key === key)?.value);
  if (type === 'apikey' && param('in') !== 'query') {
    return { type: 'header', name: param('key') || 'X-API-Key', value: param('value') };
  }
  notImported.push(
    `${where}: ${type} auth (the request is sent with the connection's token; set another in its Auth tab).`,
  );
  return { type: 'connection' };
}

function convertRequest(
  req: Json,
  auth: Json | undefined,
  where: string,
  notImported: string[],
): ImportedRequest['draft'] | undefined {
  const method = text(req.method).toUpperCase() || 'GET';
  if (!(httpMethods as readonly string[]).includes(method)) {
    notImported.push(`${where}: the ${method} method cannot be sent from the composer.`);
    return undefined;
  }
  const url = isObject(req.url) ? req.url : {};
  const host = Array.isArray(url.host) ? url.host.join('.') : text(url.host);
  const pathVars = new Map<string, string>();
  for (const v of Array.isArray(url.variable) ? url.variable.filter(isObject) : [])
    pathVars.set(text(v.key), sampleText(v.value));
  const pathParts = (Array.isArray(url.path) ? url.path.map(sampleText) : []).map((segment) =>
    segment.startsWith(':') && segment.length > 1
      ? pathVars.get(segment.slice(1)) || `{{${segment.slice(1)}}}`
      : segment,
  );
  const protocol = text(url.protocol);
  const port = text(url.port);
  let full = `${protocol !== '' ? `${protocol}://` : ''}${host}${port !== '' ? `:${port}` : ''}`;
  if (pathParts.length > 0) full += `/${pathParts.join('/')}`;
  if (full === '' && typeof req.url === 'string') full = req.url;
  const params: Row[] = (Array.isArray(url.query) ? url.query.filter(isObject) : []).map((q) => ({
    name: text(q.key),
    value: sampleText(q.value),
    enabled: q.disabled !== true,
  }));
  const headers: Row[] = (Array.isArray(req.header) ? req.header.filter(isObject) : []).map(
    (h) => ({
      name: text(h.key),
      value: sampleText(h.value),
      enabled: h.disabled !== true,
    }),
  );
  let body: ImportedRequest['draft']['body'] = {
    mode: 'none',
    text: '',
    form: [],
    contentType: 'text/plain',
  };
  const b = isObject(req.body) ? req.body : undefined;
  const mode = b === undefined ? '' : text(b.mode);
  if (b !== undefined && b.disabled !== true) {
    if (mode === 'raw') {
      const language =
        isObject(b.options) && isObject(b.options.raw) ? text(b.options.raw.language) : '';
      const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
      const isJson = language === 'json' || /json/i.test(contentType);
      body = {
        mode: isJson ? 'json' : 'raw',
        text: text(b.raw),
        form: [],
        contentType: contentType || (language === 'xml' ? 'application/xml' : 'text/plain'),
      };
    } else if (mode === 'urlencoded' || mode === 'formdata') {
      const fields = (Array.isArray(b[mode]) ? (b[mode] as unknown[]) : []).filter(isObject);
      const files = fields.filter((f) => f.type === 'file');
      if (files.length > 0)
        notImported.push(
          `${where}: ${plural(files.length, 'file field')} of its form (${files.map((f) => text(f.key)).join(', ')}).`,
        );
      if (mode === 'formdata')
        notImported.push(`${where}: its multipart form is sent URL-encoded.`);
      body = {
        mode: 'form',
        text: '',
        form: fields
          .filter((f) => f.type !== 'file')
          .map((f) => ({
            name: text(f.key),
            value: sampleText(f.value),
            enabled: f.disabled !== true,
          })),
        contentType: 'text/plain',
      };
    } else if (mode === 'graphql') {
      notImported.push(`${where}: its GraphQL body (sent as JSON {query, variables}).`);
      const g = isObject(b.graphql) ? b.graphql : {};
      let variables: unknown = {};
      try {
        variables = JSON.parse(text(g.variables) || '{}');
      } catch {
        variables = {};
      }
      body = {
        mode: 'json',
        text: JSON.stringify({ query: text(g.query), variables }, null, 2),
        form: [],
        contentType: 'text/plain',
      };
    } else if (mode === 'file') {
      notImported.push(`${where}: its body is a file.`);
    }
  }
  return {
    method: method as HttpMethod,
    url: full,
    params,
    headers,
    body,
    auth: authOf(auth, where, notImported),
  };
}
