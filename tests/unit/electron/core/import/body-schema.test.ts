import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  exampleBody,
  hasBodySchema,
  validateBody,
} from '../../../../../electron/core/import/body-schema.js';
import { locatePointer } from '../../../../../electron/core/import/json-locate.js';

const pkg = (path: string): unknown =>
  parse(
    readFileSync(
      fileURLToPath(new URL(`../../../../../node_modules/${path}`, import.meta.url)),
      'utf8',
    ),
  );

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

describe('request bodies against the operation’s schema', () => {
  const petstore31 = pkg('@readme/oas-examples/3.1/yaml/petstore.yaml');
  const petstore30 = pkg('@readme/oas-examples/3.0/json/petstore.json');
  const swagger = pkg('@readme/oas-examples/2.0/json/petstore-expanded.json');

  it('accepts the generated example and reports problems at their lines (3.1)', () => {
    const example = exampleBody(petstore31, 'POST', '/pet');
    expect(validateBody(petstore31, 'POST', '/pet', example)).toEqual([]);
    const text =
      '{\n  "name": "Rex",\n  "photoUrls": ["a"],\n  "status": "asleep",\n  "category": { "id": "seven" }\n}';
    const problems = validateBody(petstore31, 'POST', '/pet', text);
    const lines = problems.map((p) => [lineOf(text, p.from), p.message]);
    expect(lines).toContainEqual([
      4,
      'status must be equal to one of the allowed values: "available", "pending", "sold"',
    ]);
    expect(lines).toContainEqual([5, 'category.id must be integer']);
  });

  it('reports a missing required property at the object that lacks it (3.0, via $ref)', () => {
    const text = '{\n  "photoUrls": []\n}';
    const problems = validateBody(petstore30, 'PUT', '/pet', text);
    expect(problems).toEqual([
      { from: 0, to: 1, message: "The body must have required property 'name'" },
    ]);
  });

  it('checks Swagger 2.0 body parameters too, and skips text that is not JSON', () => {
    expect(hasBodySchema(swagger, 'POST', '/pets')).toBe(true);
    expect(hasBodySchema(swagger, 'GET', '/pets')).toBe(false);
    expect(validateBody(swagger, 'POST', '/pets', '{"tag": 1}').map((p) => p.message)).toEqual([
      "The body must have required property 'name'",
      'tag must be string',
    ]);
    expect(validateBody(swagger, 'POST', '/pets', '{"name": {{name}} }')).toEqual([]);
  });

  it('generates examples for circular schemas that stay finite', () => {
    const circular = pkg('@readme/oas-examples/3.0/json/schema-circular.json');
    const text = exampleBody(circular, 'POST', '/not-quite-circular');
    expect(text.length).toBeLessThan(100_000);
    expect(validateBody(circular, 'POST', '/not-quite-circular', text)).toEqual([]);
  });
});

describe('locatePointer', () => {
  const text = '{\n  "a": [1, {"b": "x"}],\n  "c": {"d": null}\n}';
  it('finds values and keys by JSON pointer', () => {
    expect(text.slice(locatePointer(text, '/a/1/b')?.from, locatePointer(text, '/a/1/b')?.to)).toBe(
      '"x"',
    );
    const key = locatePointer(text, '/c', 'd');
    expect(text.slice(key?.from, key?.to)).toBe('"d"');
    expect(locatePointer(text, '/missing')).toBeNull();
  });
});
