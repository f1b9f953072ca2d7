import { describe, expect, it } from 'vitest';
import { electronChildEnv } from '../../../scripts/start-checks.mjs';

describe('npm start: the Electron child environment', () => {
  it('drops ELECTRON_RUN_AS_NODE, which would start the binary as plain Node', () => {
    const env = electronChildEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/usr/bin', HOME: '/h' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/h' });
  });
});
