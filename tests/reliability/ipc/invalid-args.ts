import fc from 'fast-check';

/**
 * Generators of broken arguments: take a valid argument and break it at one place (wrong type,
 * missing field, extra or prototype-polluting key, huge or deep value). Whether the result is
 * actually invalid is left to the contract's schema; the tests set accepted samples aside.
 */

export type Path = readonly (string | number)[];
export type MutationKind = 'replace' | 'delete' | 'extra-key' | 'polluted-object';

/** One generated argument and where it was broken, printed briefly when a property fails. */
export interface Sample {
  args: unknown;
  path: Path;
  kind: MutationKind;
  label: string;
  [fc.toStringMethod](): string;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

// JSON.parse makes `__proto__` an own property, as it arrives from IPC or a WebSocket frame.
const POLLUTED_TEXTS = [
  '{"__proto__":{"polluted":"yes","toString":"x"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"},"__proto__":[1,2]}',
  '[{"__proto__":{"polluted":"yes"}}]',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every place in a (JSON-like) value that can be broken, the root included. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here: Path[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => here.push(...pathsOf(item, [...prefix, index])));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) here.push(...pathsOf(item, [...prefix, key]));
  }
  return here;
}

function nest(depth: number, asObject: boolean): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

const loneSurrogates = fc.constantFrom(
  '\ud800',
  'a\udfffb',
  '\udc00\ud800',
  'x'.repeat(50) + '\ud83d',
);

/**
 * Strings of 1–4 MB; `repeat` keeps generation cheap. On the wire they stay under the host's 8 MB
 * frame limit even when every character is escaped (\ud800 takes six bytes), since an oversized
 * frame closes the socket by design (tested on its own in ipc-wire-frames.test.ts).
 */
function hugeString(json: boolean): fc.Arbitrary<string> {
  const max = json ? 1_250_000 : 4 << 20;
  return fc
    .tuple(fc.integer({ min: 1 << 20, max }), fc.constantFrom('x', 'é', '\ud800', '{{v}}', ' '))
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));
}

/** JSON.stringify recurses, so the wire gets at most 2,000 levels; 10k-deep frames are built as text elsewhere. */
function deepValue(json: boolean): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.integer({ min: json ? 100 : 1_000, max: json ? 2_000 : 10_000 }), fc.boolean())
    .map(([depth, asObject]) => nest(depth, asObject));
}

const hugeArray = fc
  .tuple(
    fc.integer({ min: 1_001, max: 100_000 }),
    fc.constantFrom<unknown>('x', 1, { name: 'n', value: 'v' }),
  )
  .map(([length, item]) => new Array<unknown>(length).fill(item));

const pollutedValue = fc.constantFrom(...POLLUTED_TEXTS).map((text) => JSON.parse(text) as unknown);

const oddScalars = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -0,
  -1,
  0.5,
  NaN,
  Infinity,
  -Infinity,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  '\u0000',
  [],
  {},
  [[]],
);

/** Values of the wrong shape; `json` keeps to what survives JSON.stringify (the wire). */
export function wrongValue(json: boolean): fc.Arbitrary<unknown> {
  const inProcessOnly = json
    ? []
    : [
        { weight: 3, arbitrary: fc.constantFrom<unknown>(undefined, -0, NaN, Infinity) },
        {
          weight: 4,
          arbitrary: fc.anything({
            maxDepth: 3,
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withNullPrototype: true,
            withBoxedValues: true,
            withSparseArray: true,
            withTypedArray: true,
          }),
        },
      ];
  return fc.oneof(
    { weight: 10, arbitrary: oddScalars },
    { weight: 6, arbitrary: json ? fc.jsonValue({ maxDepth: 3 }) : fc.anything({ maxDepth: 3 }) },
    { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 3, arbitrary: loneSurrogates },
    { weight: 3, arbitrary: pollutedValue },
    { weight: 2, arbitrary: fc.integer() },
    { weight: 1, arbitrary: hugeString(json) },
    { weight: 1, arbitrary: deepValue(json) },
    { weight: 1, arbitrary: hugeArray },
    ...inProcessOnly,
  );
}

const extraKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', 'x'.repeat(100_000), '\ud800') },
);

function clone(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function describePath(path: Path): string {
  if (path.length === 0) return '(root)';
  return path
    .map((step) => {
      const text = JSON.stringify(String(step)).slice(1, -1);
      return text.length > 24 ? `${text.slice(0, 23)}…(${String(step).length})` : text;
    })
    .join('.');
}

function summarize(value: unknown): string {
  if (typeof value === 'string') return `string(${value.length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  return typeof value;
}

/** Write `value` at `path` as an own property, even for `__proto__` (as JSON.parse would). */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  let parent = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  Object.defineProperty(parent, last, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return root;
}

function deleteAt(root: unknown, path: Path): unknown {
  if (path.length === 0) return undefined;
  let parent = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  delete parent[path[path.length - 1] as string | number];
  return root;
}

function sample(args: unknown, path: Path, kind: MutationKind, detail: string): Sample {
  const label = `${kind} at ${describePath(path)}${detail ? ` (${detail})` : ''}`;
  return { args, path, kind, label, [fc.toStringMethod]: () => label };
}

/** Arguments broken at one place of `base`; `json` limits values to what JSON can carry. */
export function brokenArgs(base: unknown, json: boolean): fc.Arbitrary<Sample> {
  const paths = pathsOf(base);
  const objectPaths = paths.filter((path) => isRecord(valueAt(base, path)));
  const at = fc.constantFrom(...paths);
  const replace = fc
    .tuple(at, wrongValue(json))
    .map(([path, value]) =>
      sample(setAt(clone(base), path, value), path, 'replace', summarize(value)),
    );
  const remove = at.map((path) => sample(deleteAt(clone(base), path), path, 'delete', ''));
  const arbitraries = [
    { weight: 8, arbitrary: replace },
    { weight: 2, arbitrary: remove },
  ];
  if (objectPaths.length > 0) {
    const onObject = fc.constantFrom(...objectPaths);
    const addKey = fc
      .tuple(onObject, extraKey, wrongValue(json))
      .map(([path, key, value]) =>
        sample(
          setAt(clone(base), [...path, key], value),
          [...path, key],
          'extra-key',
          summarize(key),
        ),
      );
    // The whole object re-parsed from JSON with a `__proto__` key next to its real fields.
    const objectTexts = POLLUTED_TEXTS.filter((text) => text.startsWith('{'));
    const polluted = fc.tuple(onObject, fc.constantFrom(...objectTexts)).map(([path, text]) => {
      const merged = JSON.parse(
        `${text.slice(0, -1)},${JSON.stringify(valueAt(base, path)).slice(1)}`.replace(/,}$/, '}'),
      ) as unknown;
      return sample(setAt(clone(base), path, merged), path, 'polluted-object', '');
    });
    arbitraries.push({ weight: 2, arbitrary: addKey }, { weight: 1, arbitrary: polluted });
  }
  return fc.oneof(...arbitraries);
}

/** The value at `path`, or undefined when the path leaves the value. */
export function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}
