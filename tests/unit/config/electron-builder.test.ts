import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// electron-builder.yml checked offline the way electron-builder itself checks it: its YAML parser,
// its JSON schema (app-builder-lib/scheme.json) compiled by the ajv it depends on with the options
// it uses, and its own file matcher for the `files` patterns. Packaging itself needs the Electron
// binaries, which cannot be downloaded here.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
// Resolve the builder's own dependencies from the builder, not from whatever npm hoisted.
const fromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));

const yaml = fromBuilder('js-yaml') as { load: (text: string) => unknown };
const Ajv = (fromBuilder('ajv') as { default: AjvConstructor }).default;
const { FileMatcher } = fromBuilder('./out/fileMatcher.js') as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (s: string) => string,
    patterns: string[],
  ) => { createFilter: () => (file: string, stat: { isDirectory: () => boolean }) => boolean };
};

interface AjvError {
  instancePath: string;
  message?: string;
  params: unknown;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
type AjvConstructor = new (options: Record<string, unknown>) => {
  compile: (schema: unknown) => Validate;
};

interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion: string;
  asar: boolean;
  directories: { output: string; buildResources: string };
  files: string[];
  linux: { target: string[]; icon: string; maintainer: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  [key: string]: unknown;
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const schema: unknown = JSON.parse(
  readFileSync(fromBuilder.resolve('./scheme.json'), 'utf8'),
) as unknown;
// Same options as app-builder-lib/out/util/config/schemaValidator.js.
const validate = new Ajv({
  allErrors: true,
  verbose: true,
  coerceTypes: true,
  strict: false,
}).compile(schema);

function schemaErrors(candidate: unknown): string[] {
  // coerceTypes rewrites the data it validates, so validate a copy.
  const ok = validate(structuredClone(candidate));
  return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  // IHDR is always the first chunk: width and height are big-endian at offsets 16 and 20.
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("validates against app-builder-lib's own schema", () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it('is rejected by the same validation when it is wrong', () => {
    const broken: [string, Record<string, unknown>][] = [
      ['a misspelt key', { ...config, directorys: { output: 'release' } }],
      ['a wrong type', { ...config, asar: 'yes please' }],
      ['an unknown nested key', { ...config, linux: { ...config.linux, targets: ['deb'] } }],
    ];
    for (const [what, candidate] of broken) {
      expect(schemaErrors(candidate).length, what).toBeGreaterThan(0);
    }
  });

  it('pins electronVersion exactly to the installed electron', () => {
    const installed = (require('electron/package.json') as { version: string }).version;
    expect(config.electronVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(config.electronVersion).toBe(installed);
  });

  it('names the app and writes to release/ from build/ resources', () => {
    expect(config.appId).toBe('dev.grantline.app');
    expect(config.productName).toBe('Grantline');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.asar).toBe(true);
  });

  it('targets AppImage + deb, dmg and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('has real icons: an SVG source, a 1024 px PNG and a Linux icon set with 512 px', () => {
    expect(existsSync(join(root, 'build/icon.svg'))).toBe(true);
    expect(pngSize(join(root, config.mac.icon))).toEqual({ width: 1024, height: 1024 });
    expect(config.win.icon).toBe(config.mac.icon);
    const linuxIcons = readdirSync(join(root, config.linux.icon)).filter((f) => f.endsWith('.png'));
    expect(linuxIcons).toContain('512x512.png');
    for (const name of linuxIcons) {
      const size = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
      expect(pngSize(join(root, config.linux.icon, name)), name).toEqual({
        width: size,
        height: size,
      });
    }
  });

  it('gives the deb package a maintainer and a homepage', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      homepage?: string;
      author?: string;
    };
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author).toMatch(/<[^@\s]+@[^@\s]+>/);
  });

  it('sets chrome-sandbox up as root with mode 4755 when the .deb is installed', () => {
    const script = (config.deb as { afterInstall?: string } | undefined)?.afterInstall;
    expect(script).toBeDefined();
    const text = readFileSync(join(root, script ?? ''), 'utf8');
    const sandbox = "'/opt/${sanitizedProductName}/chrome-sandbox'";
    expect(text).toContain(`chown root:root ${sandbox}`);
    expect(text).toContain(`chmod 4755 ${sandbox}`);
    // Never turned off, never left 0755 where AppArmor restricts user namespaces.
    expect(text).not.toMatch(/chmod 0?755 .*chrome-sandbox|no-sandbox/);
    // electron-builder's own steps stay: the /usr/bin link and the AppArmor profile.
    expect(text).toContain('update-alternatives --install');
    expect(text).toContain('apparmor_parser --replace');
  });

  describe('files', () => {
    const filter = new FileMatcher(root, '/app', (s) => s, config.files).createFilter();
    const isFile = { isDirectory: () => false };
    const packaged = (path: string): boolean => filter(join(root, path), isFile);

    it('packages the built app and package.json', () => {
      for (const path of [
        'dist/electron/main.js',
        'dist/electron/adapters/window.js',
        'dist/shared/ipc.js',
        'dist/preload/preload.cjs',
        'dist/preload/package.json',
        'dist/renderer/index.html',
        'dist/renderer/assets/index-abc123.js',
        'package.json',
      ]) {
        expect(packaged(path), path).toBe(true);
      }
    });

    it('leaves out sources, tsconfigs, tests and source maps', () => {
      for (const path of [
        'electron/main.ts',
        'electron/preload.ts',
        'shared/ipc/contract.ts',
        'renderer/src/main.tsx',
        'tsconfig.json',
        'electron/tsconfig.json',
        'tests/unit/config/electron-builder.test.ts',
        'dist/electron/main.js.map',
        'dist/renderer/assets/index-abc123.js.map',
        'dist/electron/main.d.ts',
        'electron-builder.yml',
        'build/icon.svg',
      ]) {
        expect(packaged(path), path).toBe(false);
      }
    });

    it('lets through nothing outside dist/ from the real tree', () => {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
          if (['node_modules', '.git', 'release'].includes(entry.name)) return [];
          const full = join(dir, entry.name);
          return entry.isDirectory() ? walk(full) : [relative(root, full).split(sep).join('/')];
        });
      const leaked = walk(root).filter(
        (path) => packaged(path) && !path.startsWith('dist/') && path !== 'package.json',
      );
      expect(leaked).toEqual([]);
    });
  });
});

describe('macOS signing and notarisation', () => {
  const hook = require(join(root, 'build', 'after-sign.cjs')) as ((context: {
    electronPlatformName: string;
  }) => Promise<void>) & { notarizationProblem: (env: Record<string, string>) => unknown };

  it('notarises through electron-builder and checks the result after signing', () => {
    expect((config.mac as { notarize?: unknown }).notarize).toBe(true);
    expect(config.afterSign).toBe('build/after-sign.cjs');
    expect(existsSync(join(root, 'build', 'after-sign.cjs'))).toBe(true);
  });

  it('accepts each credential set notarytool takes, and names them when none is complete', () => {
    const { notarizationProblem } = hook;
    expect(
      notarizationProblem({ APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'i' }),
    ).toBeUndefined();
    expect(
      notarizationProblem({
        APPLE_ID: 'a@b.c',
        APPLE_APP_SPECIFIC_PASSWORD: 'p',
        APPLE_TEAM_ID: 't',
      }),
    ).toBeUndefined();
    expect(notarizationProblem({ APPLE_KEYCHAIN_PROFILE: 'grantline' })).toBeUndefined();
    expect(notarizationProblem({ APPLE_ID: 'a@b.c' })).toMatch(/APPLE_APP_SPECIFIC_PASSWORD/);
  });

  it('fails a macOS release without credentials, and ignores other platforms', async () => {
    const saved = { ...process.env };
    try {
      for (const name of Object.keys(process.env))
        if (name.startsWith('APPLE_')) delete process.env[name];
      process.env.GRANTLINE_RELEASE = '1';
      await expect(hook({ electronPlatformName: 'darwin' })).rejects.toThrow(/notarisation/);
      await expect(hook({ electronPlatformName: 'linux' })).resolves.toBeUndefined();
    } finally {
      process.env = saved;
    }
  });
});
