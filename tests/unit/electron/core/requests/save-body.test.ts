import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft } from '#shared/requests/schemas.js';
import { startApiServer, type ApiServer } from '../../../../fixtures/api-server/index.js';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';

// requests:save-body: the body is copied in main from its temp file to the path the save dialog
// returns; a cancelled dialog is reported as cancelled; without a dialog the answer says so.

let oidc: OidcFixture;
let api: ApiServer;
let outDir: string;
let answer: string | undefined;
const asked: string[] = [];
const rigs: HandlerRig[] = [];

async function rigWithBody(
  chooseSavePath?: (name: string) => Promise<string | undefined>,
): Promise<{ rig: HandlerRig; responseId: string; size: number }> {
  const rig = createHandlerRig({
    name: 'grantline-save-body',
    ...(chooseSavePath ? { chooseSavePath } : {}),
  });
  rigs.push(rig);
  const saved = await rig.call('connections:save', {
    connection: {
      name: 'API',
      presetId: 'axway-platform',
      tokenUrl: oidc.tokenUrl,
      clientId: oidc.clients.basic.clientId,
      apiBaseUrls: [
        { name: 'Central', url: api.origin },
        { name: 'Platform', url: api.origin },
      ],
    },
    secrets: { clientSecret: oidc.clients.basic.clientSecret },
  });
  const result = await rig.call('requests:send', {
    requestId: `save-body-${rigs.length}`,
    connectionId: saved.connection.id,
    draft: { ...emptyDraft(), url: '{{baseUrl}}/echo' },
    variables: [],
  });
  expect(result.response?.status).toBe(200);
  return { rig, responseId: result.response!.responseId, size: result.response!.size };
}

beforeAll(async () => {
  oidc = await startOidcFixture({ privateKeyJwtClient: false });
  api = await startApiServer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri });
  outDir = mkdtempSync(join(tmpdir(), 'grantline-saved-'));
});

afterAll(async () => {
  for (const rig of rigs) await rig.close();
  await api.close();
  await oidc.close();
  rmSync(outDir, { recursive: true, force: true });
});

const dialog = (name: string): Promise<string | undefined> => {
  asked.push(name);
  return Promise.resolve(answer);
};

describe('requests:save-body', () => {
  it('copies the body to the chosen file, byte for byte', async () => {
    const { rig, responseId, size } = await rigWithBody(dialog);
    answer = join(outDir, 'echo.json');
    const saved = await rig.call('requests:save-body', { responseId, suggestedName: 'echo.json' });
    expect(saved).toEqual({ outcome: 'saved', path: answer, bytes: size });
    expect(asked).toContain('echo.json');
    const slice = await rig.call('requests:read-body', {
      responseId,
      offset: 0,
      length: 1_000_000,
      encoding: 'base64',
    });
    expect(readFileSync(answer).toString('base64')).toBe(slice.data);
  });

  it('reports a cancelled dialog as cancelled and writes nothing', async () => {
    const { rig, responseId } = await rigWithBody(dialog);
    answer = undefined;
    expect(await rig.call('requests:save-body', { responseId, suggestedName: 'x.json' })).toEqual({
      outcome: 'cancelled',
    });
  });

  it('says a file cannot be written, with what to do', async () => {
    const { rig, responseId } = await rigWithBody(dialog);
    answer = join(outDir, 'no-such-folder', 'x.json');
    const error = await rig.fail('requests:save-body', { responseId, suggestedName: 'x.json' });
    expect(error).toMatchObject({ category: 'storage' });
    expect(error.message).toMatch(/Could not save the body/);
  });

  it('answers unsupported where there is no save dialog (browser mode)', async () => {
    const { rig, responseId } = await rigWithBody();
    expect(await rig.call('requests:save-body', { responseId, suggestedName: 'x.json' })).toEqual({
      outcome: 'unsupported',
    });
  });
});
