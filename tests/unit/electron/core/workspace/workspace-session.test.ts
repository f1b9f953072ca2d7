import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft } from '#shared/requests/schemas.js';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';

const CANARY = 'sess-Canary/Secret+Value=91c4';

let rig: HandlerRig;

beforeAll(() => {
  rig = createHandlerRig({ name: 'grantline-session' });
});
afterAll(async () => {
  await rig.close();
});

describe('composer session (workspace:session)', () => {
  it('starts empty, then gives back the saved tabs, environment and pane sizes', async () => {
    expect(await rig.call('workspace:session')).toEqual({
      tabs: [],
      activeTab: null,
      environment: null,
      layout: { sidebarWidth: 260, requestShare: 0.5, sidebarCollapsed: false },
    });
    const session = {
      tabs: [
        {
          id: 'tab-1',
          connectionId: 'c1',
          draft: { ...emptyDraft(), url: '{{baseUrl}}/items' },
          variables: [{ name: 'region', value: 'eu', enabled: true }],
          origin: { kind: 'file' as const, path: 'items.yaml', name: 'Items' },
          edited: true,
        },
      ],
      activeTab: 'tab-1',
      environment: 'staging',
      layout: { sidebarWidth: 300, requestShare: 0.6, sidebarCollapsed: true },
    };
    await rig.call('workspace:save-session', session);
    expect(await rig.call('workspace:session')).toEqual(session);
  });

  it('scrubs drafts and credential-like variables before writing them', async () => {
    await rig.call('workspace:save-session', {
      tabs: [
        {
          id: 'tab-1',
          connectionId: 'c1',
          draft: {
            ...emptyDraft(),
            url: `https://api.test/items?access_token=${CANARY}`,
            headers: [{ name: 'Authorization', value: `Bearer ${CANARY}`, enabled: true }],
          },
          variables: [
            { name: 'apiSecret', value: CANARY, enabled: true },
            { name: 'region', value: 'eu', enabled: true },
          ],
          origin: { kind: 'new' },
          edited: true,
        },
      ],
      activeTab: 'tab-1',
      environment: null,
      layout: { sidebarWidth: 260, requestShare: 0.5, sidebarCollapsed: false },
    });
    const file = readFileSync(join(rig.dataDir, 'workspace-session.json'), 'utf8');
    expect(file).not.toContain(CANARY);
    const back = await rig.call('workspace:session');
    expect(back.tabs[0]?.variables).toEqual([{ name: 'region', value: 'eu', enabled: true }]);
    expect(JSON.stringify(back)).not.toContain(CANARY);
  });
});
