import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../../shared/bridge';
import { ApiClient } from '../../../../electron/core/api-client';
import { createBridgeHandlers } from '../../../../electron/core/bridge-handlers';
import { DemoReset } from '../../../../electron/core/demo-reset';
import { KioskController } from '../../../../electron/core/kiosk';
import { silentLogger } from '../../../../electron/core/log';
import { cleanupDirs, DEMO, makeDevice } from './helpers';

afterEach(() => cleanupDirs());

const appInfo: AppInfo = { version: '0.0.0-test', serverUrl: 'http://127.0.0.1:9', host: 'web', kiosk: false };

function handlers(demoMode = false) {
  const d = makeDevice('http://127.0.0.1:9');
  const controller = new KioskController(d.kv, { flags: { demo: demoMode }, log: silentLogger });
  const demo = new DemoReset({ api: new ApiClient({ baseUrl: 'http://127.0.0.1:9' }), session: d.session, kiosk: controller, credentials: DEMO, log: silentLogger });
  return { h: createBridgeHandlers(d.session, appInfo, { controller, demo }, d.kv), controller };
}

describe('bridge handlers: kiosk verbs', () => {
  it('answers getKiosk with the state and keeps getAppInfo.kiosk live', async () => {
    const { h } = handlers();
    expect(await h.getKiosk()).toMatchObject({ enabled: false, pinSet: false });
    expect((await h.getAppInfo()).kiosk).toBe(false);
    expect(await h.enableKiosk('1234')).toMatchObject({ ok: true, value: { enabled: true } });
    expect((await h.getAppInfo()).kiosk).toBe(true);
  });

  it('checks the arguments from the renderer before they reach the controller', async () => {
    const { h, controller } = handlers();
    const call = h as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const pin of [1234, null, undefined, { pin: '1234' }, '1'.repeat(100)]) {
      expect(await call.enableKiosk!(pin)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call.exitKiosk!(pin)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    for (const options of ['demo', [true], { demoMode: 'yes' }, { idleResetSeconds: '60' }]) {
      expect(await call.enableKiosk!('1234', options)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown kiosk settings.' } });
    }
    expect(await call.enableKiosk!('1234', { idleResetSeconds: 100_000 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(controller.getState().enabled).toBe(false);
    expect(await call.enableKiosk!('1234', { demoMode: true, idleResetSeconds: 30, extra: 'ignored' })).toMatchObject({
      ok: true,
      value: { enabled: true, demoMode: true, idleResetSeconds: 30 },
    });
    expect(await h.exitKiosk('1234')).toMatchObject({ ok: true, value: { enabled: false } });
  });

  it('refuses resetDemo unless demo mode is on', async () => {
    expect(await handlers(false).h.resetDemo()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handlers(true).h.resetDemo()).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
  });
});
