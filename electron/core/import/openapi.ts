import { sample } from 'openapi-sampler';
import { AppError } from '#shared/errors.js';
import type { OperationParameter } from '#shared/import/schemas.js';
import { httpMethods, type HttpMethod, type Row } from '#shared/requests/schemas.js';
import { plural, sampleText, type ImportedCollection, type ImportedRequest } from './collection.js';

/**
 * An OpenAPI 3.0/3.1 or Swagger 2.0 document (already bundled: only internal `$ref`s left) turned
 * into a collection: one request per operation, in a folder per tag; path parameters as
 * `{{variables}}` in the URL, query and header parameters as rows (required ones enabled), an
 * example body from the schema, the servers as the environment's base URLs.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const OPERATION_KEYS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** The value at a local JSON pointer (`#/components/schemas/Pet`), or undefined. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Follow `$ref`s (a chain of them, at most 20) to the object they name. */
export function deref(doc: unknown, value: unknown): unknown {
  let node = value;
  for (let i = 0; i < 20 && isObject(node) && typeof node.$ref === 'string'; i += 1) {
    node = resolvePointer(doc, node.$ref);
  }
  return node;
}

/** `3.1.0` / `3.0.3` / `2.0`, or a clear error for anything else. */
export function openApiVersion(doc: unknown): { major: 2 | 3; label: string } {
  if (isObject(doc) && typeof doc.openapi === 'string' && /^3\.[01]\./.test(doc.openapi)) {
    return { major: 3, label: `OpenAPI ${doc.openapi}` };
  }
  if (isObject(doc) && String(doc.swagger) === '2.0') return { major: 2, label: 'Swagger 2.0' };
  const seen = isObject(doc) ? (doc.openapi ?? doc.swagger) : undefined;
  throw new AppError(
    'validation',
    seen === undefined
      ? 'This is not an OpenAPI or Swagger document (it has no "openapi" or "swagger" field).'
      : `OpenAPI version ${sampleText(seen)} is not supported.`,
    { hint: 'Import an OpenAPI 3.0 or 3.1, or a Swagger 2.0, document (YAML or JSON).' },
  );
}

/** A schema's type in a few words, for a parameter's tooltip. */
function typeWords(doc: unknown, schema: unknown): string {
  const s = deref(doc, schema);
  if (!isObject(s)) return '';
  const type = Array.isArray(s.type)
    ? s.type.filter((t) => t !== 'null').join(' | ')
    : text(s.type);
  if (type === 'array') {
    const inner = typeWords(doc, s.items);
    return inner === '' ? 'array' : `array of ${inner}`;
  }
  const format = text(s.format);
  const enumText = Array.isArray(s.enum)
    ? ` (${s.enum.slice(0, 8).map(sampleText).join(', ')})`
    : '';
  return `${type}${format !== '' ? ` (${format})` : ''}${enumText}`.slice(0, 200);
}

function servers(
  doc: Json,
  major: 2 | 3,
): { absolute: { name: string; url: string }[]; prefix: string } {
  const list: string[] = [];
  const names: string[] = [];
  if (major === 3) {
    for (const server of Array.isArray(doc.servers) ? doc.servers : []) {
      if (!isObject(server) || typeof server.url !== 'string') continue;
      let url = server.url;
      const variables = isObject(server.variables) ? server.variables : {};
      url = url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        const v = variables[name];
        return isObject(v) && v.default !== undefined ? sampleText(v.default) : whole;
      });
      list.push(url);
      names.push(text(server.description));
    }
  } else {
    const basePath = text(doc.basePath).replace(/\/$/, '');
    const host = text(doc.host);
    const schemes = Array.isArray(doc.schemes) ? doc.schemes.map(String) : [];
    if (host === '') list.push(basePath);
    else
      for (const scheme of schemes.length > 0 ? schemes : ['https'])
        list.push(`${scheme}://${host}${basePath}`);
  }
  const absolute: { name: string; url: string }[] = [];
  let prefix = '';
  list.forEach((url, i) => {
    if (/^https?:\/\/[^{}\s]+$/i.test(url)) {
      absolute.push({ name: (names[i] ?? '') || `Server ${i + 1}`, url: url.replace(/\/+$/, '') });
    } else if (i === 0 && url.startsWith('/')) {
      prefix = url.replace(/\/+$/, '');
    }
  });
  return { absolute, prefix };
}

function securityLines(doc: Json, major: 2 | 3): string[] {
  const schemes =
    major === 3
      ? isObject(doc.components)
        ? doc.components.securitySchemes
        : undefined
      : doc.securityDefinitions;
  if (!isObject(schemes)) return [];
  return Object.entries(schemes).map(([name, raw]) => {
    const s = deref(doc, raw);
    if (!isObject(s)) return `${name}: unknown scheme`;
    const type = text(s.type);
    if (type === 'oauth2') {
      const flows = isObject(s.flows) ? Object.keys(s.flows).join(', ') : text(s.flow);
      return `${name}: OAuth 2.0 (${flows}) — sent with the connection's token`;
    }
    if (type === 'http' && text(s.scheme).toLowerCase() === 'bearer') {
      return `${name}: HTTP bearer — sent with the connection's token`;
    }
    if (type === 'apiKey') {
      return `${name}: API key in the ${text(s.in)} "${text(s.name)}" — add it in the request's headers or params, or use the Auth tab`;
    }
    if (type === 'openIdConnect')
      return `${name}: OpenID Connect — sent with the connection's token`;
    return `${name}: ${type}${s.scheme !== undefined ? ` ${text(s.scheme)}` : ''} — not handled by the connection's token; set it in the Auth tab`;
  });
}

/** A JSON example for `schema`: its own example, else one generated from the schema. */
export function exampleFor(doc: unknown, schema: unknown, media?: Json): unknown {
  if (media !== undefined) {
    if (media.example !== undefined) return media.example;
    if (isObject(media.examples)) {
      const first = deref(doc, Object.values(media.examples)[0]);
      if (isObject(first) && first.value !== undefined) return first.value;
    }
  }
  if (schema === undefined) return undefined;
  try {
    return sample(
      schema as never,
      { skipReadOnly: true, quiet: true, maxSampleDepth: 8 },
      doc as object,
    );
  } catch {
    return undefined;
  }
}

function mergeParameters(doc: unknown, pathLevel: unknown, opLevel: unknown): Json[] {
  const byKey = new Map<string, Json>();
  for (const list of [pathLevel, opLevel]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const p = deref(doc, raw);
      if (isObject(p) && typeof p.name === 'string') byKey.set(`${text(p.in)}:${p.name}`, p);
    }
  }
  return [...byKey.values()];
}

/** Convert a bundled OpenAPI/Swagger document into a collection. */
export function importOpenApi(doc: unknown, fallbackName: string): ImportedCollection {
  const { major, label } = openApiVersion(doc);
  const root = doc as Json;
  const info = isObject(root.info) ? root.info : {};
  const name = (text(info.title).trim() || fallbackName).slice(0, 200);
  const { absolute, prefix } = servers(root, major);
  const notImported: string[] = [];
  const requests: ImportedRequest[] = [];
  const folderDescriptions = new Map<string, string>();
  for (const tag of Array.isArray(root.tags) ? root.tags : []) {
    if (isObject(tag) && typeof tag.name === 'string' && text(tag.description) !== '') {
      folderDescriptions.set(tag.name, text(tag.description).slice(0, 10_000));
    }
  }
  let cookieParams = 0;
  const paths = isObject(root.paths) ? root.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(root, rawItem);
    if (!isObject(item)) continue;
    if (major === 3 && Array.isArray(item.servers) && item.servers.length > 0) {
      notImported.push(
        `Servers of the path ${path}: its requests use {{baseUrl}} like the others.`,
      );
    }
    for (const key of OPERATION_KEYS) {
      const op = item[key];
      if (!isObject(op)) continue;
      const method = key.toUpperCase();
      if (!(httpMethods as readonly string[]).includes(method)) {
        notImported.push(
          `${method} ${path}: the ${method} method cannot be sent from the composer.`,
        );
        continue;
      }
      requests.push(
        operationRequest(
          root,
          major,
          path,
          method as HttpMethod,
          op,
          item,
          prefix,
          notImported,
          () => (cookieParams += 1),
        ),
      );
    }
  }
  if (cookieParams > 0) {
    notImported.push(
      `${plural(cookieParams, 'cookie parameter')}: add a Cookie header where you need them.`,
    );
  }
  if (isObject(root.webhooks) && Object.keys(root.webhooks).length > 0) {
    notImported.push(
      `${plural(Object.keys(root.webhooks).length, 'webhook')}: webhooks are calls to you, not requests.`,
    );
  }
  if (absolute.length === 0) {
    notImported.push(
      "The document names no absolute server URL: requests use the connection's {{baseUrl}}.",
    );
  }
  return {
    kind: 'openapi',
    name,
    description: text(info.description).slice(0, 10_000),
    format: label,
    requests,
    folderDescriptions,
    ...(absolute.length > 0 ? { environment: { variables: [], baseUrls: absolute } } : {}),
    security: securityLines(root, major),
    notImported,
    document: doc,
  };
}

function operationRequest(
  doc: Json,
  major: 2 | 3,
  path: string,
  method: HttpMethod,
  op: Json,
  item: Json,
  prefix: string,
  notImported: string[],
  countCookie: () => void,
): ImportedRequest {
  const label = `${method} ${path}`;
  const parameters: OperationParameter[] = [];
  const params: Row[] = [];
  const headers: Row[] = [];
  const form: Row[] = [];
  let bodySchema: unknown;
  let bodyMedia: Json | undefined;
  let bodyMediaType: string | undefined;
  let bodyRequired = false;
  for (const p of mergeParameters(doc, item.parameters, op.parameters)) {
    const where = text(p.in);
    const schema = major === 3 ? p.schema : p.type !== undefined ? p : p.schema;
    const doc3Example =
      p.example ??
      (isObject(p.examples)
        ? (deref(doc, Object.values(p.examples)[0]) as Json | undefined)?.value
        : undefined);
    const value = sampleText(
      doc3Example ??
        (isObject(deref(doc, schema))
          ? ((deref(doc, schema) as Json).example ?? (deref(doc, schema) as Json).default)
          : undefined) ??
        p.default,
    );
    if (where === 'body') {
      bodySchema = p.schema;
      bodyMediaType = 'application/json';
      bodyRequired = p.required === true;
      continue;
    }
    const documented: OperationParameter = {
      name: String(p.name),
      in: where === 'formData' ? 'query' : (where as OperationParameter['in']),
      required: p.required === true || where === 'path',
      description: text(p.description).slice(0, 20_000),
      type: typeWords(doc, schema),
    };
    if (where === 'formData') {
      form.push({ name: documented.name, value, enabled: documented.required });
      bodyMediaType ??= 'application/x-www-form-urlencoded';
      continue;
    }
    if (!['path', 'query', 'header', 'cookie'].includes(where)) continue;
    parameters.push(documented);
    if (where === 'query')
      params.push({ name: documented.name, value, enabled: documented.required });
    if (where === 'header')
      headers.push({ name: documented.name, value, enabled: documented.required });
    if (where === 'cookie') countCookie();
  }
  if (major === 3 && op.requestBody !== undefined) {
    const body = deref(doc, op.requestBody);
    if (isObject(body) && isObject(body.content)) {
      bodyRequired = body.required === true;
      const types = Object.keys(body.content);
      const chosen =
        types.find((t) => /^application\/(.+\+)?json/i.test(t)) ??
        types.find((t) => /x-www-form-urlencoded/i.test(t)) ??
        types[0];
      if (chosen !== undefined) {
        bodyMediaType = chosen;
        const media = body.content[chosen];
        bodyMedia = isObject(media) ? media : undefined;
        bodySchema = bodyMedia?.schema;
        if (/multipart\//i.test(chosen)) {
          notImported.push(
            `${label}: its ${chosen} body (file uploads) — send it from another tool or as raw text.`,
          );
        }
      }
    }
  }
  const url = `{{baseUrl}}${prefix}${path.replace(/\{([^}]+)\}/g, '{{$1}}')}`;
  let body: ImportedRequest['draft']['body'] = {
    mode: 'none',
    text: '',
    form: [],
    contentType: 'text/plain',
  };
  if (bodyMediaType !== undefined && /x-www-form-urlencoded/i.test(bodyMediaType)) {
    if (form.length === 0 && bodySchema !== undefined) {
      const s = deref(doc, bodySchema);
      const required = isObject(s) && Array.isArray(s.required) ? s.required : [];
      const props = isObject(s) && isObject(s.properties) ? s.properties : {};
      const example = exampleFor(doc, bodySchema, bodyMedia);
      for (const prop of Object.keys(props)) {
        form.push({
          name: prop,
          value: sampleText(isObject(example) ? example[prop] : undefined),
          enabled: required.includes(prop),
        });
      }
    }
    body = { mode: 'form', text: '', form, contentType: 'text/plain' };
  } else if (bodyMediaType !== undefined && /json/i.test(bodyMediaType)) {
    const example = exampleFor(doc, bodySchema, bodyMedia);
    body = {
      mode: 'json',
      text: example === undefined ? '' : JSON.stringify(example, null, 2),
      form: [],
      contentType: 'text/plain',
    };
  } else if (bodyMediaType !== undefined && !/multipart\//i.test(bodyMediaType)) {
    const example = exampleFor(doc, undefined, bodyMedia);
    body = { mode: 'raw', text: sampleText(example), form: [], contentType: bodyMediaType };
  }
  if ((body.text ?? '').length > 1_000_000) body = { ...body, text: '' };
  const security = Array.isArray(op.security)
    ? op.security
    : Array.isArray(doc.security)
      ? doc.security
      : [];
  const tags = Array.isArray(op.tags)
    ? op.tags.filter((t): t is string => typeof t === 'string')
    : [];
  const name = (text(op.summary).trim() || text(op.operationId).trim() || label)
    .replace(/\s+/g, ' ')
    .slice(0, 200);
  return {
    folders: tags.length > 0 ? [tags[0] as string] : [],
    name,
    draft: { method, url, params, headers, body },
    operation: {
      method,
      path,
      ...(typeof op.operationId === 'string' ? { operationId: op.operationId.slice(0, 500) } : {}),
      summary: text(op.summary).slice(0, 2_000),
      parameters,
      ...(bodyMediaType !== undefined ? { bodyMediaType: bodyMediaType.slice(0, 200) } : {}),
      bodyRequired,
      security: security.flatMap((s) => (isObject(s) ? Object.keys(s) : [])).slice(0, 50),
    },
  };
}

/** The description of an operation (summary and description), for the editor's documentation. */
export function operationDescription(doc: unknown, method: string, path: string): string {
  const op = findOperation(doc, method, path)?.op;
  if (op === undefined) return '';
  return [text(op.summary), text(op.description)]
    .filter((s) => s !== '')
    .join('\n\n')
    .slice(0, 20_000);
}

/** An operation of a stored document by method and path. */
export function findOperation(
  doc: unknown,
  method: string,
  path: string,
): { op: Json; item: Json } | undefined {
  const paths = isObject(doc) ? doc.paths : undefined;
  const item = isObject(paths) ? deref(doc, paths[path]) : undefined;
  if (!isObject(item)) return undefined;
  const op = item[method.toLowerCase()];
  return isObject(op) ? { op, item } : undefined;
}

/** The request body schema of an operation and its media object (OpenAPI 3) if it has one. */
export function bodySchemaOf(
  doc: unknown,
  method: string,
  path: string,
): { schema: unknown; media?: Json } | undefined {
  const found = findOperation(doc, method, path);
  if (found === undefined) return undefined;
  const { op, item } = found;
  if (isObject(doc) && String(doc.swagger) === '2.0') {
    const body = mergeParameters(doc, item.parameters, op.parameters).find((p) => p.in === 'body');
    return body?.schema === undefined ? undefined : { schema: body.schema };
  }
  const requestBody = deref(doc, op.requestBody);
  if (!isObject(requestBody) || !isObject(requestBody.content)) return undefined;
  const types = Object.keys(requestBody.content);
  const chosen = types.find((t) => /json/i.test(t));
  const media = chosen === undefined ? undefined : requestBody.content[chosen];
  if (!isObject(media) || media.schema === undefined) return undefined;
  return { schema: media.schema, media };
}
