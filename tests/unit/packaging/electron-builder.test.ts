/**
 * Packaging cannot run here (electron-builder downloads Electron), so this checks what it would
 * use: the config passes electron-builder's own schema, has the promised targets, and points at
 * the files electron-vite builds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import viteConfig from '../../../electron.vite.config';

const ROOT = resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(resolve(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it("passes electron-builder's configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, categoryy: 'typo' } }, new DebugLogger(false))).rejects.toThrow();
  });

  it('targets AppImage and deb on Linux, NSIS on Windows and dmg on macOS', () => {
    const names = (t: unknown[]) => t.map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));
    expect(names(config.linux.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(names(config.win.target)).toContain('nsis');
    expect(names(config.mac.target)).toContain('dmg');
  });

  it('packs the built output that package.json and electron-vite agree on, with an icon that exists', () => {
    expect(config.files).toContain('out/**/*');
    expect(pkg.main).toBe('out/main/index.js');
    const v = viteConfig as unknown as Record<'main' | 'preload' | 'renderer', { build: { outDir: string } }>;
    expect(v.main.build.outDir).toBe('out/main');
    expect(v.preload.build.outDir).toBe('out/preload');
    expect(resolve(v.renderer.build.outDir)).toBe(resolve(ROOT, 'out/renderer'));
    expect(existsSync(resolve(ROOT, config.linux.icon))).toBe(true);
    expect(pkg.scripts.package).toBe('tsx scripts/package.ts');
  });

  it('flips the security fuses at package time', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, onlyLoadAppFromAsar: true });
  });

  it('ships only what the packaged app needs at run time: the main process and the service it embeds (the renderer and tooling are bundled or dev-only)', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      '@fastify/cookie',
      '@fastify/formbody',
      '@fastify/rate-limit',
      '@fastify/static',
      'better-sqlite3',
      'electron-log',
      'electron-store',
      'fastify',
      'pino',
      // The service's request schemas (out/main/service.js imports it).
      'typebox',
      // The bridge's verb table (shared/bridge.ts), checked in the main process.
      'valibot',
      'ws',
    ]);
    for (const renderOnly of ['react', 'react-dom', 'qrcode.react', '@noriginmedia/norigin-spatial-navigation']) {
      expect(pkg.dependencies[renderOnly]).toBeUndefined();
    }
  });
});

describe('the app’s own service in the package', () => {
  const v = viteConfig as unknown as { main: { build: { rollupOptions: { input: Record<string, string> } } } };

  it('is built beside the main process as out/main/service.js, which the main process forks', () => {
    expect(v.main.build.rollupOptions.input.service).toBe(resolve(ROOT, 'server/service-process.ts'));
    expect(readFileSync(resolve(ROOT, 'electron/main/index.ts'), 'utf8')).toContain("join(here, 'service.js')");
  });

  it('unpacks and rebuilds the native SQLite module for Electron', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
  });

  it('carries the bundled ffmpeg (an optional dependency, packed with the production ones) unpacked, where it can run', () => {
    expect(pkg.optionalDependencies['@ffmpeg-installer/ffmpeg']).toBeDefined();
    expect(config.asarUnpack).toContain('node_modules/@ffmpeg-installer/**');
  });

  const built = resolve(ROOT, 'out/main');
  it.skipIf(!existsSync(resolve(built, 'service.js')))('needs at run time only Node’s modules and the packaged dependencies', async () => {
    const { builtinModules } = await import('node:module');
    const { readdirSync } = await import('node:fs');
    const files = ['index.js', 'service.js', ...readdirSync(resolve(built, 'chunks')).map((f) => `chunks/${f}`)];
    const bare = new Set<string>();
    for (const f of files) {
      const code = readFileSync(resolve(built, f), 'utf8');
      for (const m of code.matchAll(/(?:^|\n)\s*import\s[^'"]*?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules, 'electron']);
    expect([...bare].filter((name) => !allowed.has(name))).toEqual([]);
    expect(bare.has('fastify')).toBe(true);
  });
});
