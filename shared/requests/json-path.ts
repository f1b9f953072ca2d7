/** One step of a JSON path: an object key, or an array index when `key` is null. */
export interface PathStep {
  key: string | null;
  index: number;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JSONPath-style path (`$.data[0]["display name"]`) for copying and for screen readers. */
export function formatJsonPath(steps: readonly PathStep[]): string {
  let out = '$';
  for (const step of steps) {
    if (step.key === null) out += `[${step.index}]`;
    else if (IDENTIFIER.test(step.key)) out += `.${step.key}`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}
