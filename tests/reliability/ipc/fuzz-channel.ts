import fc from 'fast-check';
import type { IpcResult } from '#shared/errors.js';
import { contract, type Channel } from '#shared/ipc/contract.js';
import { pollutionInOutput, prototypeWatch, validationProblem } from './fuzz-checks.js';
import { brokenArgs, valueAt, type Sample } from './invalid-args.js';

export interface FuzzOptions {
  channel: Channel;
  /** A valid argument to break. */
  base: unknown;
  runs: number;
  /** Send one argument through the transport under test. */
  call: (args: unknown) => Promise<IpcResult<unknown>>;
  /** How many calls reached a handler so far. */
  handlerCalls: () => number;
  /** Only values JSON can carry (the WebSocket); the argument is judged after a JSON round trip. */
  json: boolean;
  /** A refusal that may stand in for the field-level message (the host's frame guard). */
  refusal?: RegExp;
}

export interface FuzzCounts {
  /** Invalid arguments sent, each answered with a validation error. */
  invalid: number;
  /** Generated arguments the schema accepts (not sent). */
  accepted: number;
  /** Places where the schema accepted a string of a megabyte or more. */
  hugeAccepted: string[];
  /** Of the invalid ones, how many the `refusal` pattern answered. */
  refused: number;
}

const MEGABYTE = 1 << 20;

function hugeStringAt(sample: Sample): boolean {
  // Extra keys are dropped by the schema; only a field that keeps the string matters here.
  if (sample.kind !== 'replace') return false;
  const value = valueAt(sample.args, sample.path);
  return typeof value === 'string' && value.length >= MEGABYTE;
}

/**
 * Fuzz one channel: every generated argument the contract rejects must come back as a validation
 * error naming the field, without reaching a handler or touching the built-in prototypes.
 */
export async function fuzzChannel(options: FuzzOptions): Promise<FuzzCounts> {
  const schema = contract[options.channel].args;
  const counts: FuzzCounts = { invalid: 0, accepted: 0, hugeAccepted: [], refused: 0 };
  const watch = prototypeWatch();
  await fc.assert(
    fc.asyncProperty(brokenArgs(options.base, options.json), async (sample) => {
      const args = options.json ? roundTrip(sample.args) : sample.args;
      const verdict = schema.safeParse(args);
      if (verdict.success) {
        counts.accepted++;
        if (hugeStringAt(sample)) counts.hugeAccepted.push(`${options.channel} ${sample.label}`);
        const problem = pollutionInOutput(verdict.data);
        if (problem)
          throw new Error(`${options.channel} ${sample.label}: the handler would get ${problem}`);
        return;
      }
      counts.invalid++;
      const before = options.handlerCalls();
      const result = await options.call(args);
      watch.check();
      if (options.handlerCalls() !== before) {
        throw new Error(
          `${options.channel} ${sample.label}: an invalid argument reached the handler`,
        );
      }
      if (
        !result.ok &&
        result.error.category === 'validation' &&
        options.refusal?.test(result.error.message)
      ) {
        counts.refused++;
        return;
      }
      const problem = validationProblem(result, options.channel, sample.path);
      if (problem) throw new Error(`${options.channel} ${sample.label}: ${problem}`);
    }),
    // Shrinking multi-megabyte samples takes long and the label already says where it broke.
    { numRuns: options.runs, endOnFailure: true, includeErrorInReport: true },
  );
  return counts;
}

function roundTrip(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}
