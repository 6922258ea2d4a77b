/**
 * `npm run package -- --test-build`: electron-builder's own CLI parser and config loader (what a
 * real run uses, minus the Electron download this network refuses) turn the script's arguments
 * into a config where ONLY the inspect fuse differs from the release build's.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageArgs } from '../../../scripts/package';

const ROOT = resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);

type Fuses = Record<string, unknown>;
interface EffectiveConfig {
  electronFuses: Fuses;
  directories: { output: string };
}

/** The effective, validated config electron-builder would build with for these CLI arguments. */
async function effectiveConfig(args: string[]): Promise<{ config: EffectiveConfig; publish: unknown; dirOnly: boolean }> {
  const { createYargs, configureBuildCommand, normalizeOptions } = require('electron-builder/out/builder') as {
    createYargs(): { parse(a: string[]): unknown };
    configureBuildCommand(y: unknown): { parse(a: string[]): Record<string, unknown> };
    normalizeOptions(a: unknown): { config: unknown; publish?: unknown; targets: Map<unknown, Map<unknown, string[]>> };
  };
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string, path: string | null, config: unknown): Promise<EffectiveConfig>;
    validateConfiguration(c: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const opts = normalizeOptions(configureBuildCommand(createYargs()).parse(args));
  // As Packager.validateConfig reads it: a lone --config is the file; with -c.x overrides the file
  // arrives as `extends` and the overrides are applied over it.
  let configPath: string | null = null;
  let fromOptions = opts.config as (Record<string, unknown> & { extends?: unknown }) | string | null;
  if (typeof fromOptions === 'string') {
    configPath = fromOptions;
    fromOptions = null;
  } else if (fromOptions && typeof fromOptions.extends === 'string' && fromOptions.extends.includes('.')) {
    configPath = fromOptions.extends;
    fromOptions = { ...fromOptions };
    delete fromOptions.extends;
  }
  const config = await getConfig(ROOT, configPath, fromOptions);
  // Validation is also where electron-builder turns the CLI's "true" into a boolean.
  await validateConfiguration(config, new DebugLogger(false));
  const targets = [...opts.targets.values()].flatMap((archs) => [...archs.values()].flat());
  return { config, publish: opts.publish, dirOnly: targets.length > 0 && targets.every((t) => t === 'dir') };
}

describe('packageArgs', () => {
  it('passes the flag-free release build straight to electron-builder.yml, and other arguments through', () => {
    expect(packageArgs(['--publish', 'never'], {})).toEqual({ testBuild: false, args: ['--config', 'electron-builder.yml', '--publish', 'never'] });
  });

  it('turns on the test build by flag or by COUCHSIDE_TEST_BUILD=1', () => {
    expect(packageArgs(['--test-build'], {}).testBuild).toBe(true);
    expect(packageArgs([], { COUCHSIDE_TEST_BUILD: '1' }).testBuild).toBe(true);
    expect(packageArgs(['--test-build'], {}).args).not.toContain('--test-build');
  });
});

describe('what electron-builder makes of them', () => {
  it('keeps every fuse of the release build as electron-builder.yml sets it (inspect off)', async () => {
    const { config, dirOnly } = await effectiveConfig(packageArgs(['--publish', 'never'], {}).args);
    expect(config.electronFuses.enableNodeCliInspectArguments).toBe(false);
    expect(config.directories.output).toBe('release/${version}');
    expect(dirOnly).toBe(false);
  });

  it('turns ONLY the inspect fuse on in the test build, unpacked, beside the release build', async () => {
    const release = await effectiveConfig(packageArgs([], {}).args);
    const test = await effectiveConfig(packageArgs(['--test-build', '--publish', 'never'], {}).args);
    expect(test.config.electronFuses).toEqual({ ...release.config.electronFuses, enableNodeCliInspectArguments: true });
    expect(test.config.directories.output).toBe('release/${version}-test');
    expect(test.dirOnly).toBe(true);
    expect(test.publish).toBe('never');
  });
});
