/** The kit's 'packaged' target: which build under release/ it launches, and how it tells a release build from a test build. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPackagedApp, inspectFuse, releaseBuildProblem } from '../../kit/packaged-app';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'couchside-release-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A fake unpacked build: the executable, and resources/app.asar dated `minutesAgo`. */
function fakeBuild(dir: string, executable: string, minutesAgo: number, asar = join(dir, 'resources', 'app.asar')): string {
  const exe = join(dir, executable);
  mkdirSync(dirname(exe), { recursive: true });
  writeFileSync(exe, 'binary');
  mkdirSync(dirname(asar), { recursive: true });
  writeFileSync(asar, 'asar');
  const when = new Date(Date.now() - minutesAgo * 60_000);
  utimesSync(asar, when, when);
  // The executable keeps the Electron zip's old date in real builds: it must not decide.
  const old = new Date(Date.UTC(2020, 0, 1));
  utimesSync(exe, old, old);
  return exe;
}

describe('findPackagedApp', () => {
  it('picks the newest Linux build by its app.asar, under release/<version>/ or release/ itself', () => {
    fakeBuild(join(root, '0.1.0', 'linux-unpacked'), 'couchside', 30);
    const newest = fakeBuild(join(root, '0.1.0-test', 'linux-unpacked'), 'couchside', 1);
    fakeBuild(join(root, 'linux-arm64-unpacked'), 'couchside', 10);
    fakeBuild(join(root, '0.1.0', 'win-unpacked'), 'Couchside.exe', 0); // another OS's build is ignored
    expect(findPackagedApp({ releaseDir: root, platform: 'linux' })).toEqual({ ok: true, executable: newest, buildDir: join(root, '0.1.0-test', 'linux-unpacked') });
  });

  it('finds Couchside.exe in win-unpacked and the app bundle in mac-arm64', () => {
    const exe = fakeBuild(join(root, '0.1.0', 'win-unpacked'), 'Couchside.exe', 5);
    expect(findPackagedApp({ releaseDir: root, platform: 'win32' })).toMatchObject({ ok: true, executable: exe });

    const macDir = join(root, '0.1.0', 'mac-arm64');
    const mac = fakeBuild(macDir, join('Couchside.app', 'Contents', 'MacOS', 'Couchside'), 5, join(macDir, 'Couchside.app', 'Contents', 'Resources', 'app.asar'));
    fakeBuild(join(root, '0.0.9', 'mac'), join('Couchside.app', 'Contents', 'MacOS', 'Couchside'), 60, join(root, '0.0.9', 'mac', 'Couchside.app', 'Contents', 'Resources', 'app.asar'));
    expect(findPackagedApp({ releaseDir: root, platform: 'darwin' })).toMatchObject({ ok: true, executable: mac });
  });

  it('says what to run when there is no build, or no release folder at all', () => {
    const none = findPackagedApp({ releaseDir: join(root, 'missing'), platform: 'linux' });
    expect(none).toMatchObject({ ok: false, reason: expect.stringContaining('npm run package -- --test-build') });
    mkdirSync(join(root, '0.1.0', 'linux-unpacked-not-a-build'), { recursive: true });
    expect(findPackagedApp({ releaseDir: root, platform: 'linux' }).ok).toBe(false);
  });

  it('reports a newest build that lacks its executable instead of launching an older one', () => {
    fakeBuild(join(root, '0.1.0', 'linux-unpacked'), 'couchside', 30);
    const broken = join(root, '0.2.0', 'linux-unpacked');
    fakeBuild(broken, 'couchside', 1);
    rmSync(join(broken, 'couchside'));
    expect(findPackagedApp({ releaseDir: root, platform: 'linux' })).toMatchObject({ ok: false, reason: expect.stringContaining(broken) });
  });

  it('takes an explicit executable, build folder or .app over discovery, and says when it does not exist', () => {
    const found = fakeBuild(join(root, '0.1.0', 'linux-unpacked'), 'couchside', 1);
    const mine = fakeBuild(join(root, 'elsewhere'), 'couchside', 100);
    expect(findPackagedApp({ releaseDir: root, platform: 'linux', explicit: mine })).toEqual({ ok: true, executable: mine, buildDir: null });
    expect(findPackagedApp({ releaseDir: root, platform: 'linux', explicit: join(root, 'elsewhere') })).toMatchObject({ ok: true, executable: mine });
    const app = join(root, 'Couchside.app');
    const inApp = fakeBuild(root, join('Couchside.app', 'Contents', 'MacOS', 'Couchside'), 1);
    expect(findPackagedApp({ releaseDir: root, platform: 'darwin', explicit: app })).toMatchObject({ ok: true, executable: inApp });
    expect(findPackagedApp({ releaseDir: root, platform: 'linux', explicit: join(root, 'nope') })).toMatchObject({ ok: false, reason: expect.stringContaining('does not exist') });
    expect(found).not.toBe(mine);
  });
});

describe('inspectFuse', () => {
  /** A fake Electron binary carrying a V1 fuse wire (what @electron/fuses reads). */
  function binaryWithWire(wire: string): string {
    const file = join(root, 'electron');
    writeFileSync(file, Buffer.concat([Buffer.from('ELF…padding…'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('…')]));
    return file;
  }

  it('reads a release build (inspect fuse off) and says to build the test build', async () => {
    // runAsNode, cookies, NODE_OPTIONS, inspect, asar integrity, only-asar, v8 snapshot, file privileges
    const release = binaryWithWire('01001100');
    const fuse = await inspectFuse(release);
    expect(fuse).toEqual({ state: 'off' });
    expect(releaseBuildProblem(release, fuse)).toMatch(/release build.*npm run package -- --test-build/);
  });

  it('reads a test build (only the inspect fuse back on) as drivable', async () => {
    const fuse = await inspectFuse(binaryWithWire('01011100'));
    expect(fuse).toEqual({ state: 'on' });
    expect(releaseBuildProblem('x', fuse)).toBeNull();
  });

  it('does not block a launch when the wire cannot be read', async () => {
    const file = join(root, 'not-electron');
    writeFileSync(file, 'no sentinel here');
    const fuse = await inspectFuse(file);
    expect(fuse.state).toBe('unknown');
    expect(releaseBuildProblem(file, fuse)).toBeNull();
  });
});
