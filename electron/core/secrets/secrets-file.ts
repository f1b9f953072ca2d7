import { secretRecordSchema } from './secret-envelope.js';

/** The `format` tag and current version of secrets.json. */
export const SECRETS_FILE_FORMAT = 'grantline-secrets';
export const SECRETS_FILE_VERSION = 1;

/** Secret records by id, opaque until someone asks for one. */
export type SecretRecords = Map<string, unknown>;

/** secrets.json as read: its records and version, or why it is not a secrets file at all. */
export type ParsedSecretsFile =
  | {
      ok: true;
      records: SecretRecords;
      version: number;
      /** The backend that held the data key when the file was written ("key-file", …), if known. */
      protection: string | undefined;
    }
  | { ok: false; reason: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse the text of secrets.json without opening any record (a UTF-8 byte order mark is fine). */
export function parseSecretsFile(text: string): ParsedSecretsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (!isPlainObject(raw) || raw.format !== SECRETS_FILE_FORMAT || !isPlainObject(raw.secrets)) {
    return { ok: false, reason: 'it is not a Grantline secrets file' };
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    return { ok: false, reason: 'its format version is invalid' };
  }
  // A Map keeps ids like "__proto__" as plain data.
  return {
    ok: true,
    records: new Map(Object.entries(raw.secrets)),
    version: raw.version,
    protection: typeof raw.protection === 'string' ? raw.protection : undefined,
  };
}

/**
 * Split records into the ones this version can open (well-formed envelopes) and the ids of the
 * rest. Only the layout is checked here; decryption still happens one record at a time on `get`.
 */
export function sortRecords(records: SecretRecords): { kept: SecretRecords; lost: string[] } {
  const kept: SecretRecords = new Map();
  const lost: string[] = [];
  for (const [id, record] of records) {
    if (secretRecordSchema.safeParse(record).success) kept.set(id, record);
    else lost.push(id);
  }
  return { kept, lost };
}

/**
 * The text of secrets.json for these records. `protection` names where the data key is kept, so a
 * missing key file can be told from an unreachable keyring later; older versions ignore it.
 */
export function serializeSecrets(records: SecretRecords, protection?: string): string {
  const body = {
    format: SECRETS_FILE_FORMAT,
    version: SECRETS_FILE_VERSION,
    ...(protection === undefined ? {} : { protection }),
    secrets: Object.fromEntries(records),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Names for secret ids in a notice, e.g. `the client secret of "Acme"`; ids nobody references
 * are named as they are (ids are not secret).
 */
export function nameSecrets(ids: readonly string[], labels: ReadonlyMap<string, string>): string[] {
  return ids.map((id) => labels.get(id) ?? `secret ${id}`);
}
