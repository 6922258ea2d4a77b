import { describe, expect, it } from 'vitest';
import { contextBridge, ipcRenderer } from '../../../mocks/electron';
import {
  BRIDGE_METHODS,
  invokeChannel,
  KIOSK_CHANGED_CHANNEL,
  SESSION_CHANGED_CHANNEL,
  type CouchsideBridge,
  type KioskState,
  type SessionState,
} from '../../../../shared/bridge';

describe('preload', async () => {
  await import('../../../../electron/preload/index');
  const bridge = contextBridge.exposed.get('couchside') as CouchsideBridge;

  it('exposes exactly the bridge verbs and the event subscriptions as window.couchside', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['couchside']);
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_METHODS, 'onSessionChanged', 'onDevicesChanged', 'onLibraryChanged', 'onKioskChanged', 'onCodeSignInChanged'].sort());
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends each verb on its own invoke channel', async () => {
    await bridge.signIn('a@b.c', 'pw');
    expect(ipcRenderer.invocations.at(-1)).toEqual({ channel: invokeChannel('signIn'), args: ['a@b.c', 'pw'] });
  });

  it('delivers session changes until unsubscribed, without leaking the IPC event', () => {
    const seen: unknown[] = [];
    const off = bridge.onSessionChanged((s) => seen.push(s));
    const state: SessionState = { status: 'signed-out', notice: null };
    ipcRenderer.emit(SESSION_CHANGED_CHANNEL, { sender: 'ipc-event' }, state);
    off();
    ipcRenderer.emit(SESSION_CHANGED_CHANNEL, { sender: 'ipc-event' }, state);
    expect(seen).toEqual([state]);
    expect(ipcRenderer.listenerCount(SESSION_CHANGED_CHANNEL)).toBe(0);
  });

  it('sends the kiosk verbs on their channels and delivers kiosk changes until unsubscribed', async () => {
    await bridge.exitKiosk('1234');
    expect(ipcRenderer.invocations.at(-1)).toEqual({ channel: invokeChannel('exitKiosk'), args: ['1234'] });
    await bridge.enableKiosk('1234', { demoMode: true });
    expect(ipcRenderer.invocations.at(-1)).toEqual({ channel: invokeChannel('enableKiosk'), args: ['1234', { demoMode: true }] });
    const seen: unknown[] = [];
    const off = bridge.onKioskChanged((s) => seen.push(s));
    const state: KioskState = { enabled: true, source: 'flag', pinSet: true, demoMode: false, idleResetSeconds: 120, cursorHideSeconds: 3 };
    ipcRenderer.emit(KIOSK_CHANGED_CHANNEL, { sender: 'ipc-event' }, state);
    off();
    ipcRenderer.emit(KIOSK_CHANGED_CHANNEL, { sender: 'ipc-event' }, state);
    expect(seen).toEqual([state]);
    expect(ipcRenderer.listenerCount(KIOSK_CHANGED_CHANNEL)).toBe(0);
  });
});
