import type { ZodType } from 'zod';

/** One collection in a document whose records can be kept or left out one by one. */
export interface RecordCollection {
  /** Top-level key of the document (`connections`, `saved`, …). */
  key: string;
  /** `list` for an array of records, `map` for an object of records keyed by id. */
  shape: 'list' | 'map';
  /** The schema one record must pass to be kept. */
  record: ZodType;
  /** What one record is called in a notice: "connection", "saved request". */
  noun: string;
}

/** A document body with its unreadable records taken out, and how to name what was taken. */
export interface SalvagedBody {
  body: Record<string, unknown>;
  /** One short label per record left out (a name or id, never other field values). */
  lost: string[];
}

/** Takes the unreadable records out of a document body that failed its schema. */
export type Salvager = (body: Record<string, unknown>) => SalvagedBody;

const MAX_LABEL = 80;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' || text.length > MAX_LABEL ? undefined : text;
}

/**
 * How a lost record is named: by its `name`, else its `id`, else its position. Only these two
 * fields are ever shown, because other fields may hold things a banner must not display.
 */
export function labelRecord(noun: string, raw: unknown, position: string): string {
  const name = isPlainObject(raw) ? shortText(raw.name) : undefined;
  if (name !== undefined) return `${noun} "${name}"`;
  const id = isPlainObject(raw) ? shortText(raw.id) : undefined;
  if (id !== undefined) return `${noun} ${id}`;
  return `${noun} ${position}`;
}

/** A Salvager that keeps every record of the given collections that passes its own schema. */
export function salvageRecords(collections: readonly RecordCollection[]): Salvager {
  return (body) => {
    const out: Record<string, unknown> = { ...body };
    const lost: string[] = [];
    const keep = (collection: RecordCollection, raw: unknown, position: string): boolean => {
      if (collection.record.safeParse(raw).success) return true;
      lost.push(labelRecord(collection.noun, raw, position));
      return false;
    };
    for (const collection of collections) {
      const value = body[collection.key];
      if (value === undefined) continue;
      if (collection.shape === 'list' && Array.isArray(value)) {
        out[collection.key] = value.filter((raw, i) => keep(collection, raw, `#${i + 1}`));
      } else if (collection.shape === 'map' && isPlainObject(value)) {
        out[collection.key] = Object.fromEntries(
          Object.entries(value).filter(([id, raw]) => keep(collection, raw, id)),
        );
      } else {
        // The collection itself is the wrong shape: start it empty (defaults fill the key).
        delete out[collection.key];
        lost.push(`all ${collection.noun} records (the list itself is damaged)`);
      }
    }
    return { body: out, lost };
  };
}
