import { afterEach, describe, expect, it } from 'vitest';
import { app } from '../../../mocks/electron';
import { readConfig } from '../../../../electron/main/config';

afterEach(() => app.commandLine.switches.clear());

describe('readConfig', () => {
  it('reads the kiosk switches, the kiosk env and the demo account apart (flag > env > setting is the controller’s job)', () => {
    app.commandLine.switches.set('kiosk', '');
    app.commandLine.switches.set('demo', '');
    app.commandLine.switches.set('idle-reset', '45');
    const c = readConfig([], { COUCHSIDE_KIOSK: '1', COUCHSIDE_IDLE_RESET: '300', COUCHSIDE_DEMO_EMAIL: 'lobby@couchside.test' });
    expect(c.kioskFlags).toEqual({ kiosk: true, demo: true, idleResetSeconds: 45 });
    expect(c.kioskEnv).toEqual({ kiosk: true, demo: false, idleResetSeconds: 300 });
    expect(c.demoAccount).toEqual({ email: 'lobby@couchside.test', password: 'couchside-demo' });
    expect(c.problems).toEqual([]);
  });

  it('names the device from --device-name, else COUCHSIDE_DEVICE_NAME, else leaves it to the default', () => {
    expect(readConfig([], {}).deviceName).toBeNull();
    expect(readConfig([], { COUCHSIDE_DEVICE_NAME: ' Lobby TV ' }).deviceName).toBe('Lobby TV');
    app.commandLine.switches.set('device-name', 'Den TV');
    expect(readConfig([], { COUCHSIDE_DEVICE_NAME: 'Lobby TV' }).deviceName).toBe('Den TV');
  });

  it('has everything off by default', () => {
    const c = readConfig([], {});
    expect(c.kioskFlags).toEqual({ kiosk: false, demo: false, idleResetSeconds: undefined });
    expect(c.kioskEnv).toEqual({ kiosk: false, demo: false, idleResetSeconds: undefined });
    expect(c.serverUrl).toBe('http://127.0.0.1:4700');
  });

  it('accepts `--idle-reset SECONDS` as a separate argument, which Chromium does not parse', () => {
    app.commandLine.switches.set('idle-reset', '');
    expect(readConfig(['electron', '.', '--idle-reset', '60'], {}).kioskFlags.idleResetSeconds).toBe(60);
  });

  it('ignores a bad idle time (the app still starts) and reports it', () => {
    app.commandLine.switches.set('idle-reset', 'soon');
    const c = readConfig([], { COUCHSIDE_IDLE_RESET: '-1' });
    expect(c.kioskFlags.idleResetSeconds).toBeUndefined();
    expect(c.kioskEnv.idleResetSeconds).toBeUndefined();
    expect(c.problems).toEqual([
      '--idle-reset takes a whole number of seconds from 5 to 86400 (got "soon"). Ignoring it.',
      'COUCHSIDE_IDLE_RESET takes a whole number of seconds from 5 to 86400 (got "-1"). Ignoring it.',
    ]);
  });
});
