import { describe, expect, it } from 'vitest';
import {
  describeJsonProblem,
  jsonProblems,
} from '../../../../renderer/src/views/composer/json-check.js';

describe('JSON body check', () => {
  it('says line and column of the first error, without quoting the body', () => {
    const [problem] = jsonProblems('{\n  "a": 1\n  "b": 2\n}');
    expect(problem).toMatchObject({ line: 3, column: 3, from: 13 });
    expect(describeJsonProblem(problem!)).toBe(
      "Line 3, column 3: Expected ',' or '}' after property value.",
    );
  });

  it('reads {{variables}} as values, and accepts a 1 MB document with Unicode', () => {
    expect(jsonProblems('{"id": {{id}}, "name": "{{name}}"}')).toEqual([]);
    expect(jsonProblems(JSON.stringify({ data: 'é東'.repeat(512 * 1024) }))).toEqual([]);
  });

  it('marks the last character when the document ends too soon', () => {
    const [problem] = jsonProblems('{"a": [1, 2');
    expect(problem).toMatchObject({ line: 1, column: 11, from: 10, to: 11 });
  });
});
