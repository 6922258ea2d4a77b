/** What the kit attaches to a failed test: log files found by name, process output, traces; checked with a fake TestInfo. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachDeviceArtifacts, discardTraces, findLogFiles, keepsTrace, OutputTail, recordsTrace, tailLogger, type Attacher, type DeviceRecord } from '../../kit/artifacts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'couchside-artifacts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Records what would be attached, reading paths at once (as Playwright copies them). */
function fakeInfo(): Attacher & { attached: Array<{ name: string; contentType?: string; text: string }> } {
  const attached: Array<{ name: string; contentType?: string; text: string }> = [];
  return {
    attached,
    attach: async (name, o) => {
      const { readFileSync } = await import('node:fs');
      const text = o.path ? readFileSync(o.path, 'utf8') : String(o.body);
      attached.push({ name, contentType: o.contentType, text });
    },
  };
}

describe('findLogFiles', () => {
  it("finds the app's couchside.log and electron-log's logs/main.log, known names first, then any other .log", () => {
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'renderer.log'), 'r');
    writeFileSync(join(dir, 'logs', 'main.log'), 'm');
    writeFileSync(join(dir, 'couchside.log'), 'c');
    writeFileSync(join(dir, 'couchside-session.json'), '{}');
    expect(findLogFiles(dir)).toEqual([join(dir, 'couchside.log'), join(dir, 'logs', 'main.log'), join(dir, 'logs', 'renderer.log')]);
  });

  it('finds nothing in a data dir without logs, or one that is gone', () => {
    writeFileSync(join(dir, 'couchside-session.json'), '{}');
    expect(findLogFiles(dir)).toEqual([]);
    expect(findLogFiles(join(dir, 'missing'))).toEqual([]);
  });
});

describe('OutputTail', () => {
  it('collects what a stream emits', async () => {
    const tail = new OutputTail();
    const stream = new PassThrough();
    tail.follow(stream);
    stream.write('[main] info started\n');
    stream.write(Buffer.from('[main] warn slow\n'));
    await new Promise((r) => setImmediate(r));
    expect(tail.text()).toBe('[main] info started\n[main] warn slow\n');
  });

  it('keeps the end of a long output and says how much it dropped', () => {
    const tail = new OutputTail(10);
    tail.write('aaaaaaaa');
    tail.write('bbbbbbbb');
    expect(tail.text()).toBe('[… 8 earlier bytes dropped]\nbbbbbbbb');
  });

  it("takes the web host's log lines through a Logger", () => {
    const tail = new OutputTail();
    tailLogger(tail, 'web-host').warn('bridge call failed', { method: 'signIn' });
    expect(tail.text()).toMatch(/^\S+ \[web-host\] warn bridge call failed {"method":"signIn"}\n$/);
  });
});

describe('attachDeviceArtifacts', () => {
  function device(label: string, opts: { electron: boolean }): DeviceRecord {
    const userDataDir = join(dir, label);
    mkdirSync(userDataDir);
    return { label, userDataDir, stdout: new OutputTail(), stderr: opts.electron ? new OutputTail() : null, traces: [] };
  }

  it("attaches an Electron device's couchside.log, stdout, stderr and trace, and a web host's log", async () => {
    const tv = device('device-1', { electron: true });
    writeFileSync(join(tv.userDataDir, 'couchside.log'), 'revoked: session cleared\n');
    tv.stdout.write('[main] info started\n');
    tv.stderr!.write('GPU process warning\n');
    const trace = join(dir, 'device-1-trace.zip');
    writeFileSync(trace, 'PK');
    tv.traces.push(trace);
    const web = device('device-2', { electron: false });
    web.stdout.write('[web-host] info listening\n');

    const info = fakeInfo();
    await attachDeviceArtifacts(info, [tv, web]);
    expect(info.attached).toEqual([
      { name: 'device-1 couchside.log', contentType: 'text/plain', text: 'revoked: session cleared\n' },
      { name: 'device-1 main process stdout', contentType: 'text/plain', text: '[main] info started\n' },
      { name: 'device-1 main process stderr', contentType: 'text/plain', text: 'GPU process warning\n' },
      { name: 'trace', contentType: 'application/zip', text: 'PK' },
      { name: 'device-2 web host log', contentType: 'text/plain', text: '[web-host] info listening\n' },
    ]);
  });

  it('leaves out what is empty or missing (a trace that could not be saved)', async () => {
    const tv = device('device-1', { electron: true });
    tv.traces.push(join(dir, 'never-written.zip'));
    const info = fakeInfo();
    await attachDeviceArtifacts(info, [tv]);
    expect(info.attached).toEqual([]);
  });

  it('discards the traces of a passing test', () => {
    const tv = device('device-1', { electron: true });
    const trace = join(dir, 't.zip');
    writeFileSync(trace, 'PK');
    tv.traces.push(trace);
    discardTraces([tv]);
    expect(existsSync(trace)).toBe(false);
  });
});

describe('trace modes (as Playwright applies them to browsers)', () => {
  it('records unless off, and only on the retries the mode names', () => {
    expect(recordsTrace('off', 0)).toBe(false);
    expect(recordsTrace('retain-on-failure', 0)).toBe(true);
    expect(recordsTrace('on-first-retry', 0)).toBe(false);
    expect(recordsTrace('on-first-retry', 1)).toBe(true);
    expect(recordsTrace('on-all-retries', 2)).toBe(true);
    expect(recordsTrace('retain-on-first-failure', 1)).toBe(false);
  });

  it('keeps a trace on failure, or always when the mode is on', () => {
    expect(keepsTrace('retain-on-failure', false)).toBe(false);
    expect(keepsTrace('retain-on-failure', true)).toBe(true);
    expect(keepsTrace('on', false)).toBe(true);
  });
});
