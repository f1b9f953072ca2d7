import { AppError } from '#shared/errors.js';
import {
  httpMethods,
  type HttpMethod,
  type RequestAuth,
  type Row,
} from '#shared/requests/schemas.js';
import { plural, sampleText, type ImportedCollection, type ImportedRequest } from './collection.js';

/**
 * An Insomnia v4 export (JSON or YAML): a flat list of resources linked by `parentId`. Folders
 * (`request_group`) become folders, requests become drafts with Insomnia's `{{ _.name }}`
 * variables rewritten as `{{name}}`, and the base environment becomes a workspace environment.
 * Template tags (`{% … %}`), sub-environments, gRPC and WebSocket requests, tests and cookie jars
 * are listed as not imported.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function isInsomniaExport(value: unknown): boolean {
  return isObject(value) && value._type === 'export' && Array.isArray(value.resources);
}

/** `{{ _.baseUrl }}` and `{{_['api-key']}}` → `{{baseUrl}}`, `{{api-key}}`; counts template tags. */
function variables(value: string, tags: { count: number }): string {
  const out = value
    .replace(/\{\{\s*_\.([A-Za-z_][\w.-]*)\s*\}\}/g, '{{$1}}')
    .replace(/\{\{\s*_\[\s*['"]([^'"]+)['"]\s*\]\s*\}\}/g, '{{$1}}')
    .replace(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g, '{{$1}}');
  tags.count += (out.match(/\{%[\s\S]*?%\}/g) ?? []).length;
  return out;
}

/** Nested environment data flattened to dotted names (`{a: {b: 1}}` → `a.b = 1`). */
function flatten(data: unknown, prefix = ''): { name: string; value: string }[] {
  if (!isObject(data)) return [];
  return Object.entries(data).flatMap(([k, v]) =>
    isObject(v) ? flatten(v, `${prefix}${k}.`) : [{ name: `${prefix}${k}`, value: sampleText(v) }],
  );
}

export function importInsomnia(value: unknown, fallbackName: string): ImportedCollection {
  if (!isInsomniaExport(value)) {
    throw new AppError(
      'validation',
      'This is not an Insomnia export (no _type "export" with resources).',
      {
        hint: 'In Insomnia, use Export Data and choose the Insomnia v4 format (JSON or YAML).',
      },
    );
  }
  const root = value as Json;
  if (Number(root.__export_format) !== 4) {
    throw new AppError(
      'validation',
      `Insomnia export format ${sampleText(root.__export_format)} is not supported.`,
      {
        hint: 'Export again in the Insomnia v4 format (JSON or YAML).',
      },
    );
  }
  const resources = (root.resources as unknown[]).filter(isObject);
  const byId = new Map(resources.map((r) => [text(r._id), r]));
  const workspace = resources.find((r) => r._type === 'workspace');
  const notImported: string[] = [];
  const requests: ImportedRequest[] = [];
  const folderDescriptions = new Map<string, string>();
  const tags = { count: 0 };
  const foldersOf = (resource: Json): string[] => {
    const out: string[] = [];
    let parent = byId.get(text(resource.parentId));
    for (let i = 0; i < 50 && parent !== undefined && parent._type === 'request_group'; i += 1) {
      out.unshift((text(parent.name).trim() || 'Folder').slice(0, 200));
      parent = byId.get(text(parent.parentId));
    }
    return out;
  };
  const skipped = new Map<string, number>();
  let envVariables: { name: string; value: string }[] = [];
  for (const r of resources) {
    const type = text(r._type);
    if (type === 'request_group') {
      const description = text(r.description);
      if (description !== '')
        folderDescriptions.set(
          [...foldersOf(r), text(r.name).trim() || 'Folder'].join('/'),
          description.slice(0, 10_000),
        );
      continue;
    }
    if (type === 'workspace' || type === 'cookie_jar') continue;
    if (type === 'environment') {
      const isBase = workspace !== undefined && r.parentId === workspace._id;
      if (isBase) envVariables = flatten(r.data);
      else
        notImported.push(
          `Sub-environment "${text(r.name)}" (${plural(flatten(r.data).length, 'variable')}): only the base environment is imported.`,
        );
      continue;
    }
    if (type !== 'request') {
      skipped.set(type, (skipped.get(type) ?? 0) + 1);
      continue;
    }
    const folders = foldersOf(r);
    const name = (text(r.name).trim() || 'Request').slice(0, 200);
    const where = [...folders, name].join(' / ');
    const method = text(r.method).toUpperCase() || 'GET';
    if (!(httpMethods as readonly string[]).includes(method)) {
      notImported.push(`${where}: the ${method} method cannot be sent from the composer.`);
      continue;
    }
    const rows = (list: unknown): Row[] =>
      (Array.isArray(list) ? list.filter(isObject) : []).map((p) => ({
        name: variables(text(p.name), tags),
        value: variables(sampleText(p.value), tags),
        enabled: p.disabled !== true,
      }));
    const headers = rows(r.headers);
    const body = isObject(r.body) ? r.body : {};
    const mime = text(body.mimeType);
    let draftBody: ImportedRequest['draft']['body'] = {
      mode: 'none',
      text: '',
      form: [],
      contentType: 'text/plain',
    };
    if (mime === 'application/x-www-form-urlencoded' || mime === 'multipart/form-data') {
      const params = Array.isArray(body.params) ? body.params.filter(isObject) : [];
      const files = params.filter((p) => p.type === 'file');
      if (files.length > 0)
        notImported.push(`${where}: ${plural(files.length, 'file field')} of its form.`);
      if (mime === 'multipart/form-data')
        notImported.push(`${where}: its multipart form is sent URL-encoded.`);
      draftBody = {
        mode: 'form',
        text: '',
        form: rows(params.filter((p) => p.type !== 'file')),
        contentType: 'text/plain',
      };
    } else if (mime === 'application/graphql') {
      notImported.push(`${where}: its GraphQL body (sent as JSON {query, variables}).`);
      draftBody = {
        mode: 'json',
        text: variables(text(body.text), tags),
        form: [],
        contentType: 'text/plain',
      };
    } else if (mime !== '' || text(body.text) !== '') {
      const isJson = /json/i.test(mime);
      draftBody = {
        mode: isJson ? 'json' : 'raw',
        text: variables(text(body.text), tags),
        form: [],
        contentType: mime || 'text/plain',
      };
    }
    if (typeof body.fileName === 'string' && body.fileName !== '')
      notImported.push(`${where}: its body is a file.`);
    requests.push({
      folders,
      name,
      draft: {
        method: method as HttpMethod,
        url: variables(text(r.url), tags),
        params: rows(r.parameters),
        headers,
        body: draftBody,
        auth: authOf(isObject(r.authentication) ? r.authentication : {}, where, notImported, tags),
      },
    });
  }
  for (const [type, count] of skipped) {
    notImported.push(
      `${plural(count, type.replace(/_/g, ' '))}: Grantline has no ${type.replace(/_/g, ' ')}s.`,
    );
  }
  if (tags.count > 0) {
    notImported.push(
      `${plural(tags.count, 'template tag')} ({% … %}, e.g. response or prompt tags): left as written; replace them with values or {{variables}}.`,
    );
  }
  return {
    kind: 'insomnia',
    name: (text(workspace?.name).trim() || fallbackName).slice(0, 200),
    description: text(workspace?.description).slice(0, 10_000),
    format: 'Insomnia v4',
    requests,
    folderDescriptions,
    ...(envVariables.length > 0 ? { environment: { variables: envVariables, baseUrls: [] } } : {}),
    security: [],
    notImported,
  };
}

function authOf(
  auth: Json,
  where: string,
  notImported: string[],
  tags: { count: number },
): RequestAuth {
  const type = text(auth.type);
  if (type === '' || type === 'none') return { type: 'none' };
  if (auth.disabled === true) return { type: 'none' };
  if (type === 'bearer' || type === 'oauth2') return { type: 'connection' };
  if (type === 'apikey' && text(auth.addTo) !== 'queryParams') {
    return {
      type: 'header',
      name: variables(text(auth.key), tags) || 'X-API-Key',
      value: variables(text(auth.value), tags),
    };
  }
  notImported.push(
    `${where}: ${type} auth (the request is sent with the connection's token; set another in its Auth tab).`,
  );
  return { type: 'connection' };
}
