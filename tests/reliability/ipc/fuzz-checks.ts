import type { IpcResult } from '#shared/errors.js';
import type { Path } from './invalid-args.js';

/** Checks shared by the in-process and the over-the-wire fuzzers. */

const watched = [Object.prototype, Array.prototype, Function.prototype, String.prototype] as const;

/**
 * Remembers the built-in prototypes; `check()` throws (after undoing the damage, so later tests
 * are not poisoned) when anything was added to or changed on them.
 */
export function prototypeWatch(): { check(): void } {
  const before = watched.map(
    (proto) =>
      new Map(
        Reflect.ownKeys(proto).map((key) => [
          key,
          Reflect.getOwnPropertyDescriptor(proto, key)?.value as unknown,
        ]),
      ),
  );
  return {
    check() {
      const damage: string[] = [];
      watched.forEach((proto, index) => {
        const known = before[index] as Map<PropertyKey, unknown>;
        for (const key of Reflect.ownKeys(proto)) {
          const value = Reflect.getOwnPropertyDescriptor(proto, key)?.value as unknown;
          if (!known.has(key)) {
            damage.push(String(key));
            Reflect.deleteProperty(proto, key);
          } else if (value !== known.get(key)) {
            damage.push(String(key));
            Reflect.defineProperty(proto, key, {
              value: known.get(key),
              writable: true,
              configurable: true,
              enumerable: false,
            });
          }
        }
      });
      if (damage.length > 0)
        throw new Error(`Built-in prototypes were polluted: ${damage.join(', ')}`);
    },
  };
}

const MAX_MESSAGE_CHARS = 1_200;

function clip(segment: string | number): string {
  const text = String(segment);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** True when the message points at the broken place: the root ("argument") or a field on the way to it. */
export function namesField(message: string, channel: string, path: Path): boolean {
  const prefix = `Invalid arguments for ${channel}: `;
  if (!message.startsWith(prefix)) return false;
  const rest = message.slice(prefix.length);
  // A value replaced whole may fail on a field inside it, so any field below the root counts.
  if (path.length === 0) return /^[^:;]+: /.test(rest);
  for (let k = 1; k <= path.length; k++) {
    const field = path.slice(0, k).map(clip).join('.');
    for (const end of [':', '.']) {
      if (rest.startsWith(field + end) || rest.includes(`; ${field}${end}`)) return true;
    }
  }
  return false;
}

/** Why `result` is not the validation error an invalid argument must get, or undefined. */
export function validationProblem(
  result: IpcResult<unknown>,
  channel: string,
  path: Path,
): string | undefined {
  if (result.ok) return 'the call succeeded';
  if (result.error.category !== 'validation')
    return `category ${result.error.category}: ${result.error.message.slice(0, 200)}`;
  if (result.error.message.length > MAX_MESSAGE_CHARS)
    return `a ${result.error.message.length}-character message`;
  if (!namesField(result.error.message, channel, path))
    return `the message does not name the field: ${result.error.message.slice(0, 300)}`;
  return undefined;
}

/**
 * What a handler receives must not carry own `__proto__` keys or foreign prototypes: a later
 * Object.assign or merge would turn those into prototype pollution.
 */
export function pollutionInOutput(
  value: unknown,
  path = 'argument',
  seen = new Set<object>(),
): string | undefined {
  if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
  seen.add(value);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) return `${path} has a foreign prototype`;
  } else if (proto !== Object.prototype && proto !== null) {
    return `${path} has a foreign prototype`;
  }
  if (Object.hasOwn(value, '__proto__')) return `${path} has an own __proto__ key`;
  for (const [key, item] of Object.entries(value)) {
    const problem = pollutionInOutput(item, `${path}.${key}`, seen);
    if (problem) return problem;
  }
  return undefined;
}
