/**
 * The download-or-fallback decision behind `npm install`, `npm start` and the Playwright
 * `electron` project: a binary already there, Electron's real installer downloading from a mirror
 * on loopback (ELECTRON_MIRROR, as Electron documents it), a download that fails fast, and one
 * that would hang.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadSource, ensureElectronBinary, findElectronBinary, installerProblem, type RunInstaller } from '../../../scripts/lib/electron-binary';

const REPO = resolve(__dirname, '../../..');
const dirs: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((done) => s.close(done));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A project root whose node_modules/electron is a copy of the real package's installer files
 * (install.js, package.json, checksums.json), inside the repository so its require() finds the
 * real @electron/get and extractor.
 */
function projectWithElectronPackage(): string {
  mkdirSync(join(REPO, 'test-results'), { recursive: true });
  const root = mkdtempSync(join(REPO, 'test-results', 'electron-install-'));
  dirs.push(root);
  const pkg = join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  for (const f of ['install.js', 'package.json', 'checksums.json']) copyFileSync(join(REPO, 'node_modules', 'electron', f), join(pkg, f));
  return root;
}

/** A zip (stored, no compression) of the given files: what a release zip of Electron is, in small. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBuf = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by Unix, so the mode below counts
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE((0o100755 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A mirror on loopback serving one release zip and its SHASUMS256.txt; records what was asked for. */
async function mirror(version: string, fileName: string, body: Buffer): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const sums = `${createHash('sha256').update(body).digest('hex')} *${fileName}\n`;
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/v${version}/${fileName}`) return void res.end(body);
    if (req.url === `/v${version}/SHASUMS256.txt`) return void res.end(sums);
    res.statusCode = 404;
    res.end();
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

const platformZip = () => {
  const arch = process.arch;
  return { linux: `linux-${arch}`, darwin: `darwin-${arch}`, win32: `win32-${arch}` }[process.platform as 'linux'] ?? `linux-${arch}`;
};

describe('ensureElectronBinary', () => {
  it('uses a binary that is already there without running the installer', async () => {
    const root = projectWithElectronPackage();
    const pkg = join(root, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    const run: RunInstaller = () => Promise.reject(new Error('the installer must not run'));
    expect(await ensureElectronBinary(root, { run, log: () => {} })).toEqual({ ok: true, path: join(pkg, 'dist', 'electron') });
  });

  it.skipIf(process.platform !== 'linux')(
    'downloads with Electron’s own installer from ELECTRON_MIRROR, with one line of progress, and then finds the binary',
    async () => {
      const root = projectWithElectronPackage();
      const version = (JSON.parse(readFileSync(join(REPO, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
      const fileName = `electron-v${version}-${platformZip()}.zip`;
      const { url, requests } = await mirror(version, fileName, zip({ electron: '#!/bin/sh\necho fake electron\n', version: `v${version}` }));
      const lines: string[] = [];
      const cache = join(root, 'cache');
      const result = await ensureElectronBinary(root, {
        log: (l) => lines.push(l),
        // What a user behind a company mirror sets; remote checksums because ours is not Electron's zip.
        env: { ...process.env, ELECTRON_MIRROR: url, electron_use_remote_checksums: '1', electron_config_cache: cache },
        timeoutMs: 60_000,
      });
      expect(result).toEqual({ ok: true, path: join(root, 'node_modules', 'electron', 'dist', 'electron') });
      expect(readFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'), 'utf8')).toContain('fake electron');
      expect(requests).toContain(`/v${version}/${fileName}`);
      expect(lines).toEqual([`Downloading Electron ${version} from ${new URL(url).host} with Electron's installer (at most 60 s)...`]);
      // A second start finds it and downloads nothing.
      const before = requests.length;
      expect((await ensureElectronBinary(root, { log: () => {}, env: { ...process.env, ELECTRON_MIRROR: url } })).ok).toBe(true);
      expect(requests).toHaveLength(before);
    },
  );

  it('says in one line why it could not, fast, when the mirror has no such release (the real installer)', async () => {
    const root = projectWithElectronPackage();
    const { url } = await mirror('0.0.0', 'nothing.zip', Buffer.alloc(0));
    const started = Date.now();
    const result = await ensureElectronBinary(root, {
      log: () => {},
      env: { ...process.env, ELECTRON_MIRROR: url, electron_use_remote_checksums: '1', electron_config_cache: join(root, 'cache') },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(new RegExp(`^could not download Electron [\\d.]+ from 127\\.0\\.0\\.1:\\d+: Response code 404`));
    expect(result.reason).not.toContain('\n');
    // Well inside the time bound: a refusal is not waited out.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('names a refused connection (offline, or a network that blocks the download), with the real installer', async () => {
    const root = projectWithElectronPackage();
    // A port nothing listens on: the connection is refused at once.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const result = await ensureElectronBinary(root, {
      log: () => {},
      env: { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: join(root, 'cache') },
    });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(new RegExp(`^could not download Electron [\\d.]+ from 127\\.0\\.0\\.1:${port}: fetch failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`)),
    });
  });

  it('keeps the installer’s error line from its output', async () => {
    const root = projectWithElectronPackage();
    const run: RunInstaller = async () => ({
      code: 1,
      timedOut: false,
      output: 'TypeError: fetch failed: getaddrinfo ENOTFOUND github.com\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)\n',
    });
    const result = await ensureElectronBinary(root, { run, log: () => {}, env: {} });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^could not download Electron [\d.]+ from github\.com: fetch failed: getaddrinfo ENOTFOUND github\.com$/) });
  });

  it('gives up on an installer that takes longer than its time, and says so', async () => {
    const root = projectWithElectronPackage();
    let given = 0;
    const run: RunInstaller = async (_script, _env, timeoutMs) => {
      given = timeoutMs;
      return { code: null, timedOut: true, output: '' };
    };
    const result = await ensureElectronBinary(root, { run, log: () => {}, env: { ELECTRON_MIRROR: 'https://mirror.example/electron/' }, timeoutMs: 5_000 });
    expect(given).toBe(5_000);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^downloading Electron [\d.]+ from mirror\.example took longer than 5 s$/) });
  });

  it('really stops a hung installer at the time bound', async () => {
    const root = projectWithElectronPackage();
    // An installer that never finishes (a network that swallows packets).
    writeFileSync(join(root, 'node_modules', 'electron', 'install.js'), 'setInterval(() => {}, 1000);\n');
    const started = Date.now();
    const result = await ensureElectronBinary(root, { log: () => {}, env: { ...process.env }, timeoutMs: 1_000 });
    expect(result.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('is not fooled by a package without an installer', async () => {
    const root = projectWithElectronPackage();
    rmSync(join(root, 'node_modules'), { recursive: true });
    expect(await ensureElectronBinary(root, { log: () => {} })).toEqual({ ok: false, reason: 'the electron package is not installed (run npm install)' });
    expect(findElectronBinary(root).ok).toBe(false);
  });
});

describe('the installer’s words', () => {
  it('keeps the error line, not the stack', () => {
    expect(installerProblem('HTTPError: Response code 404 (Not Found) for http://x/v1/a.zip\n    at FetchDownloader.download (x.js:1:1)')).toBe(
      'Response code 404 (Not Found) for http://x/v1/a.zip',
    );
    expect(installerProblem('Error: getaddrinfo ENOTFOUND github.com')).toBe('getaddrinfo ENOTFOUND github.com');
    expect(installerProblem('')).toBe('the installer failed without saying why');
  });

  it('names the mirror the installer uses', () => {
    expect(downloadSource({})).toBe('github.com');
    expect(downloadSource({ ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' })).toBe('npmmirror.com');
    expect(downloadSource({ npm_config_electron_mirror: 'http://127.0.0.1:9/' })).toBe('127.0.0.1:9');
  });
});
