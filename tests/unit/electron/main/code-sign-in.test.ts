import { afterAll, describe, expect, it, vi } from 'vitest';
import { BrowserWindow } from '../../../mocks/electron';
import { CODE_SIGN_IN_CHANGED_CHANNEL, type CodeSignInState } from '../../../../shared/bridge';
import { silentLogger } from '../../../../electron/core/log';
import { setupSession } from '../../../../electron/main/session';
import { createServer } from '../../../../server/app';

describe('setupSession: sign in with a code', async () => {
  const server = await createServer({ dbPath: ':memory:', control: true });
  const url = await server.listen(0, '127.0.0.1');
  afterAll(() => server.close());

  it("sends the code's progress to every open window, without the device code", async () => {
    const tv = new BrowserWindow();
    const second = new BrowserWindow();
    const closed = new BrowserWindow();
    closed.destroyed = true;
    const session = setupSession({ serverUrl: url, deviceName: null }, silentLogger);
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
    session.dispose();
  });
});
