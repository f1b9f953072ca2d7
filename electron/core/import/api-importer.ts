import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle } from '@readme/openapi-parser';
import { AppError } from '#shared/errors.js';
import type { ImportKind, ImportReport, OperationRef } from '#shared/import/schemas.js';
import { urlWithParams } from '#shared/requests/query.js';
import { requestDraftSchema } from '#shared/requests/schemas.js';
import { VARIABLE_NAME } from '#shared/requests/variables.js';
import { folderPathSchema, freeRequestPath, joinPath } from '#shared/workspace/paths.js';
import type { RequestFile } from '#shared/workspace/schemas.js';
import type { WorkspaceService } from '../workspace/workspace-service.js';
import type { Workspace } from '../workspace/workspace.js';
import { exampleBody, hasBodySchema, validateBody } from './body-schema.js';
import { plural, safeFolderName, type ImportedCollection } from './collection.js';
import { importInsomnia, isInsomniaExport } from './insomnia.js';
import { importOpenApi, operationDescription } from './openapi.js';
import { importPostman, isPostmanCollection } from './postman.js';
import {
  fetchUrlSource,
  parseDocumentText,
  readFileSource,
  type SourceText,
} from './read-source.js';

/** The stored API document of an OpenAPI collection, beside its requests. */
export const SPEC_FILE = '_openapi.json';

type ImportSource =
  | { type: 'file'; path: string }
  | { type: 'url'; url: string }
  | { type: 'text'; text: string; fileName?: string | undefined };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first `$ref` to another file or URL, if any. */
function externalRef(doc: unknown): string | undefined {
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) return v;
        if (typeof v === 'object' && v !== null) stack.push(v);
      }
    }
  }
  return undefined;
}

/** What kind of document this is, from its shape. */
export function detectKind(doc: unknown): ImportKind {
  if (isObject(doc) && (doc.openapi !== undefined || doc.swagger !== undefined)) return 'openapi';
  if (isPostmanCollection(doc)) return 'postman';
  if (isInsomniaExport(doc)) return 'insomnia';
  throw new AppError('validation', 'This document is not one Grantline imports.', {
    hint: 'Import an OpenAPI 3.0/3.1 or Swagger 2.0 document, a Postman v2.1 collection or an Insomnia v4 export.',
  });
}

/**
 * Turn a document (read from a file, fetched from a URL, or pasted) into a collection in memory.
 * OpenAPI documents with `$ref`s to other files are bundled by @readme/openapi-parser, which reads
 * them relative to the document; a document with only local `$ref`s is used as parsed (no second
 * parse). Exported for tests and the benchmark.
 */
export async function convertDocument(
  source: SourceText,
  kind?: ImportKind,
): Promise<ImportedCollection> {
  let doc = parseDocumentText(source.text);
  const detected = kind ?? detectKind(doc);
  if (detected === 'postman') return importPostman(doc, source.name);
  if (detected === 'insomnia') return importInsomnia(doc, source.name);
  const external = externalRef(doc);
  if (external !== undefined) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(external)) {
      throw new AppError(
        'validation',
        `The document refers to ${external.slice(0, 200)}, which is not fetched.`,
        {
          hint: 'Download that file beside the document, point the $ref at it, and import the document from its file.',
        },
      );
    }
    if (source.base?.type !== 'file') {
      throw new AppError(
        'validation',
        `The document refers to other files ($ref), which ${source.base === undefined ? 'pasted text' : 'a document fetched by URL'} cannot reach.`,
        {
          hint: 'Save the document and the files it refers to in one folder, then import it from its file.',
        },
      );
    }
    try {
      doc = await bundle(source.base.location, { resolve: { file: true, external: true } });
    } catch (error) {
      throw new AppError(
        'validation',
        `A $ref of the document could not be resolved: ${firstLine(error)}`,
        {
          hint: 'Check that the files it refers to exist beside it (paths are relative to the document).',
        },
      );
    }
  }
  return importOpenApi(doc, source.name);
}

function firstLine(error: unknown): string {
  return (
    (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? ''
  );
}

/** Environment keys are 1-64 letters, digits, _ or -. */
function environmentStem(name: string): string {
  const stem = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 56);
  return stem === '' ? 'imported' : stem;
}

/**
 * API import into the workspace, and the operation services of imported requests (documentation,
 * body validation, example bodies), which read the stored document once and keep the latest two.
 */
export class ApiImporter {
  private readonly documents = new Map<string, { mtimeMs: number; size: number; doc: unknown }>();

  constructor(private readonly workspace: Pick<WorkspaceService, 'current'>) {}

  async importApi(input: {
    source: ImportSource;
    kind?: ImportKind | undefined;
    connectionId: string;
    folder: string;
  }): Promise<ImportReport> {
    const source =
      input.source.type === 'file'
        ? await readFileSource(input.source.path)
        : input.source.type === 'url'
          ? await fetchUrlSource(input.source.url)
          : {
              text: input.source.text,
              name: (input.source.fileName ?? '').replace(/\.(ya?ml|json)$/i, '') || 'Imported API',
            };
    const collection = await convertDocument(source, input.kind);
    return this.write(collection, input.connectionId, input.folder);
  }

  private async write(
    collection: ImportedCollection,
    connectionId: string,
    parent: string,
  ): Promise<ImportReport> {
    const workspace = await this.workspace.current();
    const root = await workspace.freeFolder(parent, safeFolderName(collection.name));
    const specPath = joinPath(root, SPEC_FILE);
    const folders = new Map<string, { path: string; description: string }>();
    folders.set('', {
      path: root,
      description: [
        collection.description,
        collection.security.length > 0
          ? `Security schemes:\n${collection.security.map((s) => `- ${s}`).join('\n')}`
          : '',
      ]
        .filter((s) => s !== '')
        .join('\n\n')
        .slice(0, 10_000),
    });
    const taken = new Set<string>();
    const requests: { path: string; file: RequestFile }[] = [];
    let parameters = 0;
    let bodies = 0;
    for (const request of collection.requests) {
      const names = request.folders.map(safeFolderName);
      let folder = root;
      names.forEach((name, i) => {
        folder = joinPath(folder, name);
        if (!folders.has(folder)) {
          const key = request.folders.slice(0, i + 1).join('/');
          folders.set(folder, {
            path: folder,
            description: collection.folderDescriptions.get(key) ?? '',
          });
        }
      });
      const path = freeRequestPath(folder, request.name, taken);
      taken.add(path.toLowerCase());
      const draft = requestDraftSchema.parse(request.draft);
      draft.url = urlWithParams(draft.url, draft.params);
      const operation: OperationRef | undefined =
        request.operation === undefined ? undefined : { ...request.operation, spec: specPath };
      parameters += operation?.parameters.length ?? draft.params.length;
      if (draft.body.mode !== 'none') bodies += 1;
      requests.push({
        path,
        file: {
          name: request.name,
          connection: connectionId,
          draft,
          ...(operation ? { operation } : {}),
        },
      });
    }
    await workspace.writeCollection({
      folders: [...folders.values()],
      requests,
      files:
        collection.document === undefined
          ? []
          : [{ path: specPath, text: `${JSON.stringify(collection.document, null, 2)}\n` }],
    });
    const notImported = [...collection.notImported];
    const environment = await this.writeEnvironment(
      workspace,
      collection,
      connectionId,
      notImported,
    );
    return {
      kind: collection.kind,
      folder: root,
      name: collection.name,
      format: collection.format,
      requests: requests.length,
      folders: folders.size - 1,
      parameters,
      bodies,
      environment,
      security: collection.security,
      notImported,
      created: requests
        .slice(0, 500)
        .map((r) => ({ path: r.path, name: r.file.name, method: r.file.draft.method })),
    };
  }

  private async writeEnvironment(
    workspace: Workspace,
    collection: ImportedCollection,
    connectionId: string,
    notImported: string[],
  ): Promise<ImportReport['environment']> {
    const env = collection.environment;
    if (env === undefined) return null;
    const valid = env.variables.filter((v) => VARIABLE_NAME.test(v.name) && v.name.length <= 200);
    const invalid = env.variables.length - valid.length;
    if (invalid > 0)
      notImported.push(
        `${plural(invalid, 'variable')} whose name is not a variable name (letters, digits, _ - .).`,
      );
    const existing = new Set((await workspace.environments()).environments.map((e) => e.key));
    const stem = environmentStem(collection.name);
    let key = stem;
    for (let n = 2; existing.has(key); n += 1) key = `${stem}-${n}`;
    const name = collection.name;
    await workspace.saveEnvironment(key, {
      name,
      variables: valid
        .slice(0, 1_000)
        .map((v) => ({ name: v.name, value: v.value, secret: false, enabled: true })),
      baseUrls: env.baseUrls.length > 0 ? { [connectionId]: env.baseUrls.slice(0, 50) } : {},
    });
    return { key, name, variables: valid.length + (env.baseUrls.length > 0 ? 1 : 0) };
  }

  /** The operation an imported request came from, its description and whether it has a body schema. */
  async operation(
    path: string,
  ): Promise<{ operation: OperationRef | null; description: string; hasBodySchema: boolean }> {
    const { operation, doc } = await this.load(path);
    if (operation === undefined || doc === undefined)
      return { operation: null, description: '', hasBodySchema: false };
    return {
      operation,
      description: operationDescription(doc, operation.method, operation.path),
      hasBodySchema: hasBodySchema(doc, operation.method, operation.path),
    };
  }

  async validateBody(path: string, text: string) {
    const { operation, doc } = await this.load(path);
    if (operation === undefined || doc === undefined) return { problems: [] };
    return { problems: validateBody(doc, operation.method, operation.path, text) };
  }

  async exampleBody(path: string): Promise<{ text: string }> {
    const { operation, doc } = await this.load(path);
    if (operation === undefined || doc === undefined) {
      throw new AppError(
        'not_found',
        'This request was not imported from an API description, so it has no schema.',
        {
          hint: 'Import the API\u2019s OpenAPI document to get example bodies.',
        },
      );
    }
    const text = exampleBody(doc, operation.method, operation.path);
    if (text === '') {
      throw new AppError(
        'not_found',
        `${operation.method} ${operation.path} documents no JSON body.`,
        { hint: 'Write the body by hand.' },
      );
    }
    return { text };
  }

  private async load(path: string): Promise<{ operation?: OperationRef; doc?: unknown }> {
    const workspace = await this.workspace.current();
    const request = await workspace.readRequest(path);
    const operation = request.operation;
    if (operation === undefined) return {};
    if (!folderPathSchema.safeParse(operation.spec).success || !operation.spec.endsWith('.json')) {
      throw new AppError(
        'validation',
        `${path} names its API document as "${operation.spec}", which is not a file of this workspace.`,
        {
          hint: 'Fix operation.spec in the request file, or import the API again.',
        },
      );
    }
    const file = join(workspace.root, ...operation.spec.split('/'));
    const info = await stat(file).catch(() => undefined);
    if (info === undefined) {
      throw new AppError(
        'not_found',
        `The API document ${operation.spec} of this request is missing.`,
        {
          hint: 'Import the API again, or restore the file from git.',
        },
      );
    }
    const cached = this.documents.get(file);
    if (cached !== undefined && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      return { operation, doc: cached.doc };
    }
    const text = (await workspace.readText(operation.spec)) ?? '';
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new AppError('validation', `The API document ${operation.spec} is not valid JSON.`, {
        hint: 'Import the API again, or restore the file from git.',
      });
    }
    this.documents.delete(file);
    this.documents.set(file, { mtimeMs: info.mtimeMs, size: info.size, doc });
    while (this.documents.size > 2)
      this.documents.delete(this.documents.keys().next().value as string);
    return { operation, doc };
  }
}
