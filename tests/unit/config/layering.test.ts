import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints virtual files with the repo's own ESLint config and checks that the layer table in
// eslint.config.js refuses every import it should and lets the usual ones through. The files
// do not exist on disk, so type information is switched off and the rules that need it with it.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const configUrl = new URL('../../../eslint.config.js', import.meta.url).href;
const { layers } = (await import(configUrl)) as { layers: Record<string, { may: string[] }> };

const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
});

/** The layering messages for one import written in a (virtual) file at `path`. */
async function refusals(path: string, statement: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${statement}\n`, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

/** A file of each layer, and how it reaches the others (relative paths as written from there). */
const probes: Record<string, { file: string; reach: Record<string, string> }> = {
  shared: {
    file: 'shared/jwt/probe.ts',
    reach: {
      renderer: '../../renderer/src/main.js',
      core: '../../electron/core/app-core.js',
      host: '../../electron/host/cli.js',
      adapters: '../../electron/adapters/menu.js',
      shell: '../../electron/main.js',
      tests: '../../tests/fixtures/jwt/samples.js',
      scripts: '../../scripts/build.mjs',
    },
  },
  renderer: {
    file: 'renderer/src/views/probe.ts',
    reach: {
      core: '../../../electron/core/app-core.js',
      host: '../../../electron/host/cli.js',
      adapters: '../../../electron/adapters/menu.js',
      shell: '../../../electron/preload.js',
      tests: '../../../tests/fixtures/jwt/samples.js',
      scripts: '../../../scripts/build.mjs',
    },
  },
  core: {
    file: 'electron/core/tokens/probe.ts',
    reach: {
      renderer: '../../../renderer/src/main.js',
      host: '../../host/cli.js',
      adapters: '../../adapters/menu.js',
      shell: '../../main.js',
      tests: '../../../tests/fixtures/jwt/samples.js',
      scripts: '../../../scripts/build.mjs',
    },
  },
  host: {
    file: 'electron/host/probe.ts',
    reach: {
      renderer: '../../renderer/src/main.js',
      adapters: '../adapters/menu.js',
      shell: '../main.js',
      tests: '../../tests/fixtures/jwt/samples.js',
      scripts: '../../scripts/build.mjs',
    },
  },
  adapters: {
    file: 'electron/adapters/probe.ts',
    reach: {
      renderer: '../../renderer/src/main.js',
      host: '../host/cli.js',
      shell: '../preload.js',
      tests: '../../tests/fixtures/jwt/samples.js',
      scripts: '../../scripts/build.mjs',
    },
  },
  shell: {
    file: 'electron/main.ts',
    reach: {
      renderer: '../renderer/src/main.js',
      host: './host/serve-command.js',
      tests: '../tests/fixtures/jwt/samples.js',
      scripts: '../scripts/build.mjs',
    },
  },
  tests: {
    file: 'tests/unit/probe.test.ts',
    reach: {},
  },
  scripts: {
    file: 'scripts/probe.mjs',
    reach: {
      shared: '../shared/jwt/decode.js',
      renderer: '../renderer/src/main.js',
      core: '../electron/core/app-core.js',
      host: '../electron/host/cli.js',
      adapters: '../electron/adapters/menu.js',
      shell: '../electron/main.js',
      tests: '../tests/fixtures/jwt/samples.js',
    },
  },
};

describe('the layer table in eslint.config.js', () => {
  it('has a probe for every layer, and every layer not allowed is probed', () => {
    expect(Object.keys(probes).sort()).toEqual(Object.keys(layers).sort());
    for (const [name, layer] of Object.entries(layers)) {
      const forbidden = Object.keys(layers).filter((l) => l !== name && !layer.may.includes(l));
      expect(Object.keys(probes[name]?.reach ?? {}).sort(), name).toEqual(forbidden.sort());
    }
  });

  for (const [name, probe] of Object.entries(probes)) {
    for (const [target, specifier] of Object.entries(probe.reach)) {
      it(`refuses ${name} → ${target} (${specifier})`, async () => {
        for (const statement of [
          `import { x } from '${specifier}';`,
          `export { x } from '${specifier}';`,
          `export * from '${specifier}';`,
          `const m = await import('${specifier}');`,
        ]) {
          const messages = await refusals(probe.file, statement);
          expect(messages, statement).toHaveLength(1);
          expect(messages[0]).toContain(`layering/imports: ${name} may not import`);
        }
      });
    }
  }

  it("refuses 'electron' and its subpaths outside the adapters and the shell", async () => {
    for (const file of [
      'shared/probe.ts',
      'renderer/src/probe.tsx',
      'electron/core/probe.ts',
      'electron/host/probe.ts',
      'tests/unit/probe.test.ts',
      'scripts/probe.mjs',
    ]) {
      for (const specifier of [
        'electron',
        'electron/main',
        'electron/renderer',
        'electron/common',
      ]) {
        const messages = await refusals(file, `import { app } from '${specifier}';`);
        expect(messages, `${file}: ${specifier}`).toEqual([
          expect.stringContaining(`may not import '${specifier}' (electron)`),
        ]);
      }
    }
    const required = await refusals('electron/core/probe.ts', "const e = require('electron');");
    expect(required.filter((m) => m.startsWith('layering/imports:'))).toHaveLength(1);
  });

  it('refuses Node built-ins in shared/ and the renderer, and packages outside the allowlist in shared/', async () => {
    for (const file of ['shared/probe.ts', 'renderer/src/probe.ts']) {
      for (const specifier of ['node:fs', 'fs', 'fs/promises', 'path', 'node:crypto']) {
        expect(
          await refusals(file, `import { x } from '${specifier}';`),
          `${file}: ${specifier}`,
        ).toEqual([expect.stringContaining(`(node)`)]);
      }
    }
    expect(await refusals('shared/probe.ts', "import { useState } from 'react';")).toEqual([
      expect.stringContaining("may not import 'react' (packages)"),
    ]);
  });

  it('allows the usual imports of each layer', async () => {
    const allowed: Array<[string, string]> = [
      ['shared/jwt/probe.ts', "import { z } from 'zod';"],
      ['shared/jwt/probe.ts', "import { decodeJwt } from 'jose';"],
      ['shared/jwt/probe.ts', "import { x } from '../connection.js';"],
      ['renderer/src/probe.tsx', "import { useState } from 'react';"],
      ['renderer/src/probe.tsx', "import type { Api } from '#shared/ipc/contract.js';"],
      ['electron/core/probe.ts', "import { readFile } from 'node:fs/promises';"],
      ['electron/core/probe.ts', "import { AppError } from '#shared/errors.js';"],
      ['electron/core/tokens/probe.ts', "import { x } from '../storage/json-store.js';"],
      ['electron/host/probe.ts', "import { createAppCore } from '../core/app-core.js';"],
      ['electron/host/probe.ts', "import { WebSocketServer } from 'ws';"],
      ['electron/adapters/probe.ts', "import { app } from 'electron';"],
      ['electron/adapters/probe.ts', "import { x } from '../core/events.js';"],
      ['electron/main.ts', "import { app } from 'electron/main';"],
      ['electron/main.ts', "import { x } from './adapters/menu.js';"],
      ['electron/preload.ts', "import { contextBridge } from 'electron';"],
      ['tests/unit/probe.test.ts', "import { x } from '../../electron/adapters/menu.js';"],
      ['tests/unit/probe.test.ts', "import { x } from '../../electron/host/cli.js';"],
      ['scripts/probe.mjs', "import { build } from 'vite';"],
    ];
    for (const [file, statement] of allowed) {
      expect(await refusals(file, statement), `${file}: ${statement}`).toEqual([]);
    }
  });
});
