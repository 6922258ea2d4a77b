import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTROL_HEADERS } from '../../../../shared/api';
import { BrowserWindow } from '../../../mocks/electron';
import { CODE_SIGN_IN_CHANGED_CHANNEL, SESSION_CHANGED_CHANNEL, type CodeSignInState, type SessionState } from '../../../../shared/bridge';
import { silentLogger } from '../../../../electron/core/log';
import { DEFAULT_DEMO_CREDENTIALS } from '../../../../electron/core/demo-reset';
import { setupClientCore } from '../../../../electron/main/session';
import { createServer } from '../../../../server/app';

describe('setupClientCore', async () => {
  const server = await createServer({ dbPath: ':memory:', control: true });
  const url = await server.listen(0, '127.0.0.1');
  afterAll(() => server.close());

  it('sends every session change to every open window, once, and never a token', async () => {
    const tv = new BrowserWindow();
    const second = new BrowserWindow();
    const closed = new BrowserWindow();
    closed.destroyed = true;
    const core = setupClientCore({ serverUrl: url, deviceName: null, kioskFlags: {}, kioskEnv: {}, demoAccount: DEFAULT_DEMO_CREDENTIALS }, silentLogger);
    const session = core.session;
    await vi.waitFor(() => expect(session.getState().status).toBe('signed-out'));

    await session.signIn('demo@couchside.test', 'couchside-demo');
    await vi.waitFor(() => expect(server.openStreams()).toBe(1));
    await fetch(`${url}/control/revoke-all`, { method: 'POST', headers: { 'content-type': 'application/json', ...CONTROL_HEADERS }, body: JSON.stringify({ email: 'demo@couchside.test' }) });
    await vi.waitFor(() => expect(session.getState().status).toBe('signed-out'));

    for (const win of [tv, second]) {
      const states = win.webContents.sent.filter((m) => m.channel === SESSION_CHANGED_CHANNEL).map((m) => m.args[0] as SessionState);
      expect(states.map((s) => s.status)).toEqual(['signed-out', 'signed-in', 'signed-out']);
      expect(states[2]).toMatchObject({ notice: { reason: 'all-devices' } });
      expect(JSON.stringify(states)).not.toMatch(/token/i);
    }
    expect(closed.webContents.sent).toHaveLength(0);
    core.dispose();
  });

  it("sends the code's progress to every open window, without the device code", async () => {
    const tv = new BrowserWindow();
    const second = new BrowserWindow();
    const closed = new BrowserWindow();
    closed.destroyed = true;
    const core = setupClientCore({ serverUrl: url, deviceName: null, kioskFlags: {}, kioskEnv: {}, demoAccount: DEFAULT_DEMO_CREDENTIALS }, silentLogger);
    const session = core.session;
    await vi.waitFor(() => expect(session.getState().status).toBe('signed-out'));

    const started = await session.startCodeSignIn();
    expect(started.ok && started.value.status).toBe('waiting');
    session.cancelCodeSignIn();

    for (const win of [tv, second]) {
      const states = win.webContents.sent.filter((m) => m.channel === CODE_SIGN_IN_CHANGED_CHANNEL).map((m) => m.args[0] as CodeSignInState);
      expect(states.map((s) => s.status)).toEqual(['requesting', 'waiting', 'idle']);
      expect(states[1]).toEqual(started.ok && started.value);
      expect(JSON.stringify(states)).not.toMatch(/deviceCode/);
    }
    expect(closed.webContents.sent).toHaveLength(0);
    core.dispose();
  });
});
