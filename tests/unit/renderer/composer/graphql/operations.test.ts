import { describe, expect, it } from 'vitest';
import { hoverText } from '../../../../../renderer/src/views/composer/graphql/graphql-extensions.js';
import {
  parseDocument,
  pickOperation,
  selectedOperation,
  variablesProblems,
} from '../../../../../renderer/src/views/composer/graphql/operations.js';
import { assetSchema } from '../../../../fixtures/graphql/asset-schema.js';

const schema = assetSchema();
const TWO = `query Asset($id: ID!, $first: Int) { asset(id: $id) { name } }
mutation Archive($id: ID!) { archiveAsset(id: $id) { status } }`;

describe('operations of a GraphQL document', () => {
  it('lists each operation with its kind and variables', () => {
    const parsed = parseDocument(TWO);
    expect(parsed.ok && parsed.operations).toEqual([
      { name: 'Asset', kind: 'query', variables: ['id', 'first'] },
      { name: 'Archive', kind: 'mutation', variables: ['id'] },
    ]);
  });

  it('says where a document stops parsing', () => {
    const parsed = parseDocument('query {\n  asset(id: "1") {\n    name\n');
    expect(parsed).toMatchObject({ ok: false, line: 4, column: 1 });
    expect(!parsed.ok && parsed.message).toMatch(/Expected Name, found <EOF>/);
  });

  it('picks no name for one operation, keeps a valid choice, else takes the first named one', () => {
    expect(pickOperation(parseDocument('{ rootFolders { id } }'), 'Old')).toBe('');
    expect(pickOperation(parseDocument(TWO), 'Archive')).toBe('Archive');
    expect(pickOperation(parseDocument(TWO), 'Gone')).toBe('Asset');
    expect(pickOperation(parseDocument(TWO), '')).toBe('Asset');
    // While the text does not parse (mid-typing), the choice stays.
    expect(pickOperation(parseDocument('query A { '), 'Archive')).toBe('Archive');
  });

  it('finds the operation that will run', () => {
    expect(selectedOperation(parseDocument(TWO), 'Archive')?.operation).toBe('mutation');
    expect(selectedOperation(parseDocument(TWO), '')).toBeUndefined();
    expect(selectedOperation(parseDocument('{ a }'), '')?.operation).toBe('query');
  });
});

describe('variables against the operation', () => {
  const operation = selectedOperation(parseDocument(TWO), 'Asset')!;

  it('accepts variables that fit', () => {
    expect(variablesProblems(schema, operation, '{ "id": "asset-1", "first": 2 }')).toEqual([]);
  });

  it('reports a missing required variable, a wrong type and an unknown name at their key', () => {
    const text = '{\n  "first": "two",\n  "extra": 1\n}';
    const problems = variablesProblems(schema, operation, text);
    const messages = problems.map((p) => p.message);
    expect(messages).toContain('The operation Asset declares no $extra.');
    expect(messages.some((m) => /\$id.*of required type "ID!" was not provided/.test(m))).toBe(
      true,
    );
    expect(messages.some((m) => /\$first.*Int cannot represent non-integer value/.test(m))).toBe(
      true,
    );
    const extra = problems.find((p) => p.message.includes('$extra'))!;
    expect(text.slice(extra.from, extra.to)).toBe('"extra"');
    const first = problems.find((p) => p.message.includes('$first'))!;
    expect(text.slice(first.from, first.to)).toBe('"first"');
  });

  it('leaves JSON syntax to the JSON checks, and wants an object', () => {
    expect(variablesProblems(schema, operation, '{ "id": ')).toEqual([]);
    expect(variablesProblems(schema, operation, '[1]')[0]?.message).toBe(
      'Variables are one JSON object.',
    );
  });
});

describe('hover docs', () => {
  it('shows the signature and description of the field under the pointer', () => {
    const query = '{ asset(id: "1") { name } }';
    const text = hoverText(schema, query, query.indexOf('asset') + 2);
    expect(text).toMatch(/^Query\.asset: Asset/);
    expect(text).toMatch(/The asset with this ID, or null\./);
    expect(hoverText(schema, query, query.indexOf('name') + 1)).toMatch(/The file name\./);
  });

  it('shows nothing over punctuation', () => {
    expect(hoverText(schema, '{ asset(id: "1") { name } }', 0)).toBeNull();
  });
});
