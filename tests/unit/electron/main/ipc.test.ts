import { describe, expect, it, vi } from 'vitest';
import { ipcMain, fakeInvokeEvent } from '../../../mocks/electron';
import { BRIDGE_METHODS, invokeChannel, type BridgeMethods } from '../../../../shared/bridge';
import { silentLogger } from '../../../../electron/core/log';
import { setupIpc } from '../../../../electron/main/ipc';
import { APP_ENTRY } from '../../../../electron/main/trusted-origin';

function fakeHandlers(): BridgeMethods {
  const ok = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null }));
  return Object.fromEntries(BRIDGE_METHODS.map((m) => [m, ok])) as unknown as BridgeMethods;
}

describe('setupIpc', () => {
  const handlers = fakeHandlers();
  setupIpc(handlers, silentLogger);

  it('registers one prefixed channel per bridge verb and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(BRIDGE_METHODS.map(invokeChannel).sort());
    for (const ch of ipcMain.handlers.keys()) expect(ch.startsWith('couchside:')).toBe(true);
  });

  it("dispatches calls from our renderer's main frame", async () => {
    await ipcMain.invoke(invokeChannel('signIn'), fakeInvokeEvent(APP_ENTRY), 'a@b.c', 'pw');
    expect(handlers.signIn).toHaveBeenCalledWith('a@b.c', 'pw');
  });

  it('refuses calls from another origin, a subframe, or a frame-less sender', async () => {
    const spy = handlers.getState as unknown as ReturnType<typeof vi.fn>;
    spy.mockClear();
    const bad = [
      fakeInvokeEvent('https://evil.example/'),
      fakeInvokeEvent('file:///tmp/x.html'),
      fakeInvokeEvent(APP_ENTRY, { url: APP_ENTRY }),
      { senderFrame: null },
    ];
    for (const event of bad) await expect(ipcMain.invoke(invokeChannel('getState'), event)).rejects.toThrow('Refused');
    expect(spy).not.toHaveBeenCalled();
  });
});
