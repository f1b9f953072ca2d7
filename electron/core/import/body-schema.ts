import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { BodyProblem } from '#shared/import/schemas.js';
import { bodySchemaOf, exampleFor, resolvePointer } from './openapi.js';
import { locatePointer } from './json-locate.js';

/**
 * Request bodies against their operation's schema: the schema with only the parts of the
 * document it refers to (GitHub's document is 13 MB; one body schema needs a few kB of it),
 * adapted from OpenAPI 3.0 / Swagger 2.0 to JSON Schema, checked with Ajv; problems are placed at
 * the offsets of the values they are about.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema plus every local definition it reaches, laid at the same pointers. */
export function schemaClosure(doc: unknown, schema: unknown, legacy: boolean): Json {
  const adapted = isObject(schema) ? adapt(schema, legacy) : {};
  const root: Json = { ...(adapted as Json) };
  const seen = new Set<string>();
  const queue: unknown[] = [schema];
  while (queue.length > 0) {
    const node = queue.pop();
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    if (!isObject(node)) continue;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/') && !seen.has(v)) {
        seen.add(v);
        const target = resolvePointer(doc, v);
        if (target === undefined) continue;
        place(root, v, adapt(target, legacy));
        queue.push(target);
      } else if (typeof v === 'object') {
        queue.push(v);
      }
    }
  }
  return root;
}

function place(root: Json, ref: string, value: unknown): void {
  const keys = ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = root;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Json;
  });
}

/**
 * OpenAPI 3.0 and Swagger 2.0 schemas are not quite JSON Schema: `nullable`, boolean
 * `exclusiveMinimum`, and read-only properties that a request must not be asked to send.
 */
function adapt(value: unknown, legacy: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => adapt(v, legacy));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value))
    out[k] = k === 'example' || k === 'examples' ? v : adapt(v, legacy);
  if (legacy) {
    if ((out.nullable === true || out['x-nullable'] === true) && typeof out.type === 'string') {
      out.type = [out.type, 'null'];
    }
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof out[flag] === 'boolean') {
        if (out[flag] === true && typeof out[bound] === 'number') {
          out[flag] = out[bound];
          delete out[bound];
        } else delete out[flag];
      }
    }
  }
  if (isObject(out.properties) && Array.isArray(out.required)) {
    const props = out.properties;
    out.required = out.required.filter(
      (name) => !(isObject(props[String(name)]) && (props[String(name)] as Json).readOnly === true),
    );
  }
  return out;
}

const isLegacy = (doc: unknown): boolean =>
  isObject(doc) &&
  (String(doc.swagger) === '2.0' ||
    (typeof doc.openapi === 'string' && doc.openapi.startsWith('3.0')));

/** True when the operation documents a JSON body schema. */
export function hasBodySchema(doc: unknown, method: string, path: string): boolean {
  return bodySchemaOf(doc, method, path) !== undefined;
}

/** Problems of `text` (a JSON body) against the operation's schema; none when it does not parse. */
export function validateBody(
  doc: unknown,
  method: string,
  path: string,
  text: string,
): BodyProblem[] {
  const found = bodySchemaOf(doc, method, path);
  if (found === undefined || text.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return []; // the editor's own JSON check reports this, at its place
  }
  const check = validatorFor(doc, `${method} ${path}`, found.schema);
  if (check === null || check(value)) return [];
  return (check.errors ?? []).slice(0, 100).map((e) => problemAt(text, e));
}

type Validator = ReturnType<Ajv2020['compile']>;
/** Compiled validators per document object and operation: typing re-checks without recompiling. */
const validators = new WeakMap<object, Map<string, Validator | null>>();

function validatorFor(doc: unknown, key: string, schema: unknown): Validator | null {
  if (!isObject(doc)) return null;
  let forDoc = validators.get(doc);
  if (forDoc === undefined) {
    forDoc = new Map();
    validators.set(doc, forDoc);
  }
  if (!forDoc.has(key)) {
    const ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateFormats: false,
      validateSchema: false,
    });
    try {
      forDoc.set(key, ajv.compile(schemaClosure(doc, schema, isLegacy(doc))));
    } catch {
      forDoc.set(key, null); // a schema Ajv cannot compile is not checked (the body still sends)
    }
  }
  return forDoc.get(key) ?? null;
}

function problemAt(text: string, error: ErrorObject): BodyProblem {
  const params = error.params as Record<string, unknown>;
  const key = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
  const span = locatePointer(text, error.instancePath, key) ?? {
    from: 0,
    to: Math.min(1, text.length),
  };
  const where =
    error.instancePath === '' ? 'The body' : error.instancePath.slice(1).replace(/\//g, '.');
  let message = `${where} ${error.message ?? 'does not match the schema'}`;
  if (key !== undefined)
    message = `${where === 'The body' ? 'The body' : where} has "${key}", which the schema does not allow`;
  if (Array.isArray(params.allowedValues))
    message += `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return { from: span.from, to: span.to, message };
}

/** An example body (JSON text) for the operation; empty when it has no JSON body schema. */
export function exampleBody(doc: unknown, method: string, path: string): string {
  const found = bodySchemaOf(doc, method, path);
  if (found === undefined) return '';
  const example = exampleFor(doc, found.schema, found.media);
  return example === undefined ? '' : JSON.stringify(example, null, 2);
}
