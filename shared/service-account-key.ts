import { z } from 'zod';

/**
 * A Google Cloud service-account key file (the JSON the Cloud console downloads). Only the fields
 * Grantline uses are checked; the private key is split off at once by whoever reads the file, so
 * the rest can be kept as ordinary connection settings.
 */
const keyFileSchema = z.object({
  type: z.literal('service_account', {
    error: 'This is not a service-account key file: its "type" is not "service_account".',
  }),
  client_email: z.string().min(3, 'The key file has no client_email.'),
  private_key_id: z.string().min(1, 'The key file has no private_key_id.'),
  private_key: z
    .string()
    .refine((v) => v.includes('PRIVATE KEY-----'), 'The key file’s private_key is not a PEM key.'),
  token_uri: z.string().url('The key file’s token_uri is not a URL.').optional(),
  project_id: z.string().optional(),
});

export interface ServiceAccountKey {
  clientEmail: string;
  privateKeyId: string;
  /** PEM (PKCS#8). Secret: store it, never show or log it. */
  privateKey: string;
  tokenUri: string;
  projectId: string | undefined;
}

/** Google's token endpoint, for key files without a token_uri. */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/**
 * Read a key file's text. Throws an Error whose message says what is wrong and never quotes the
 * file (it holds the private key).
 */
export function parseServiceAccountKey(text: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(
      'The key file is not JSON. Download a JSON key (not P12) for the service account.',
    );
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      issue?.code === 'invalid_type' && issue.path.length > 0
        ? `The key file has no ${issue.path.join('.')}.`
        : (issue?.message ?? 'The key file is not a service-account key.'),
    );
  }
  const file = parsed.data;
  return {
    clientEmail: file.client_email,
    privateKeyId: file.private_key_id,
    privateKey: file.private_key,
    tokenUri: file.token_uri ?? GOOGLE_TOKEN_URI,
    projectId: file.project_id,
  };
}
