import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import { startGrantsIdp, type GrantsIdp } from '../../../../fixtures/grants/grants-idp.js';
import {
  startJwtBearerServer,
  type JwtBearerServer,
} from '../../../../fixtures/grants/jwt-bearer-server.js';
import { createDpopSigner } from '../../../../../electron/core/tokens/dpop.js';

let google: JwtBearerServer;
let idp: GrantsIdp;
let rig: HandlerRig;

beforeAll(async () => {
  [google, idp] = await Promise.all([startJwtBearerServer(), startGrantsIdp()]);
  rig = createHandlerRig({ name: 'grantline-draft-secrets' });
});
afterAll(async () => {
  await rig.close();
  await Promise.all([google.close(), idp.close()]);
});

const googleConnection = (name: string) => ({
  name,
  presetId: 'google-service-account',
  tokenUrl: google.keyFile.token_uri,
  clientId: google.keyFile.client_email,
  scope: 'https://www.googleapis.com/auth/cloud-platform',
  jwtBearer: { profile: 'google' as const, kid: google.keyFile.private_key_id },
});

const draftIds = async (): Promise<string[]> =>
  (await rig.services.secrets.ids()).filter((id) => id.startsWith('draft:'));

describe('a key file dropped in the wizard', () => {
  it('answers only the public facts; the draft’s test and save use the key main kept', async () => {
    const draftId = 'draft-keyfile-1';
    const facts = await rig.call('connections:read-key-file', {
      draftId,
      text: google.keyFileText,
    });
    expect(facts).toEqual({
      clientEmail: google.keyFile.client_email,
      privateKeyId: google.keyFile.private_key_id,
      tokenUri: google.keyFile.token_uri,
      projectId: google.keyFile.project_id,
    });
    expect(JSON.stringify(facts)).not.toContain('PRIVATE KEY');

    const report = await rig.call('tokens:test', {
      connection: googleConnection('GCP'),
      draftId,
    });
    expect(report.ok, report.message).toBe(true);

    const saved = await rig.call('connections:save', {
      connection: googleConnection('GCP'),
      draftId,
    });
    expect(saved.secrets.privateKey).toBe(true);
    expect(await draftIds()).toEqual([]);
    const token = await rig.call('tokens:fetch', { connectionId: saved.connection.id });
    expect(token.state).toBe('valid');
  });

  it('refuses a file that is not a key file without quoting it', async () => {
    const error = await rig.fail('connections:read-key-file', {
      draftId: 'draft-keyfile-2',
      text: JSON.stringify({ ...google.keyFile, type: 'authorized_user' }),
    });
    expect(error.category).toBe('validation');
    expect(error.message).toMatch(/not a service-account key file/);
    expect(JSON.stringify(error)).not.toContain('PRIVATE KEY');
    expect(await draftIds()).toEqual([]);
  });

  it('is forgotten when the draft is discarded', async () => {
    const draftId = 'draft-keyfile-3';
    await rig.call('connections:read-key-file', { draftId, text: google.keyFileText });
    expect(await draftIds()).toHaveLength(1);
    expect(await rig.call('connections:discard-draft', { draftId })).toEqual({ discarded: true });
    expect(await draftIds()).toEqual([]);
  });
});

describe('DPoP in the wizard', () => {
  it('tests with one key per draft and saves that key as the connection’s', async () => {
    const draftId = 'draft-dpop-1';
    const connection = {
      name: 'DPoP API',
      presetId: 'generic-oauth2',
      fields: {},
      tokenUrl: idp.tokenUrl,
      clientId: idp.clients.dpop.clientId,
      tls: { insecure: false, caPem: idp.caPem },
      dpop: { enabled: true },
    };
    const secrets = { clientSecret: idp.clients.dpop.clientSecret };
    const first = await rig.call('tokens:test', { connection, secrets, draftId });
    expect(first.ok, first.message).toBe(true);
    const jkt = (first.token?.claims?.cnf as { jkt?: string } | undefined)?.jkt;
    expect(jkt).toMatch(/^[\w-]{43}$/);
    const second = await rig.call('tokens:test', { connection, secrets, draftId });
    expect((second.token?.claims?.cnf as { jkt?: string } | undefined)?.jkt).toBe(jkt);

    const saved = await rig.call('connections:save', { connection, secrets, draftId });
    const stored = await rig.services.secrets.get(`connection:${saved.connection.id}:dpop-key`);
    expect((await createDpopSigner(stored)).jkt).toBe(jkt);
    expect(await draftIds()).toEqual([]);
    const binding = await rig.call('tokens:binding', { connectionId: saved.connection.id });
    expect(JSON.stringify(binding)).toContain(jkt);
  });
});
