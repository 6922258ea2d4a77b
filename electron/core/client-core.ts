/**
 * The client core, assembled once for every host: the SessionManager over this device's store and
 * identity, kiosk mode with its demo reset, the bridge verbs, and one typed stream of the events
 * every window hears. Electron's main process and the web host each only adapt a transport: IPC
 * channels and windows there, one loopback WebSocket here.
 */
import type { AppInfo, BridgeEvent, BridgeMethods } from '../../shared/bridge';
import { ApiClient } from './api-client';
import { createBridgeHandlers } from './bridge-handlers';
import { DemoReset, type DemoCredentials } from './demo-reset';
import { DeviceIdentity } from './device';
import { KioskController, type KioskSwitches } from './kiosk';
import type { Logger } from './log';
import { PlaybackSessions } from './playback';
import type { ServiceAccess } from './service-access';
import { SessionManager } from './session-manager';
import { SessionStore, type KeyValueStore, type StoreData, type TokenVault } from './store';

export interface ClientCoreOptions {
  /** The device's store (electron-store in Electron, a conf file in the web host). */
  store: KeyValueStore<StoreData>;
  /** True when the store file was unreadable and started afresh (the sign-in screen says so). */
  storeRecovered?: boolean;
  /** Where the refresh token is sealed (safeStorage in Electron, the file's own mode in the web host). */
  vault: TokenVault;
  device: {
    host: AppInfo['host'];
    version: string;
    /** `--device-name`: wins over the stored friendly name (a rename made later wins over both). */
    name?: string;
  };
  serverUrl: string;
  /** Kiosk switches from the command line and from the environment (the command line wins). */
  kiosk?: { flags?: KioskSwitches; env?: KioskSwitches };
  /** The account a demo reset signs back in to. */
  demoAccount: DemoCredentials;
  /** Settings → About's access to the service (this host's own, or none). */
  service: ServiceAccess;
  log: Logger;
}

export interface ClientCore {
  session: SessionManager;
  kiosk: KioskController;
  demo: DemoReset;
  /**
   * The playback sessions (tokens kept here) and the media proxy each host serves on its own
   * origin under PLAYBACK_PATH (`playback.serve(path)`).
   */
  playback: PlaybackSessions;
  /** The bridge verbs, argument checks included: what IPC and the WebSocket both dispatch to. */
  handlers: BridgeMethods;
  appInfo: AppInfo;
  service: ServiceAccess;
  /** Every event for every window, one listener for all of them; returns the unsubscribe function. */
  onEvent(listener: (event: BridgeEvent) => void): () => void;
  /** Restores the saved session (after the transport is listening, so no event is missed). */
  start(): void;
  dispose(): void;
}

export function createClientCore(opts: ClientCoreOptions): ClientCore {
  const { store, log } = opts;
  const api = new ApiClient({ baseUrl: opts.serverUrl });
  const session = new SessionManager({
    api,
    store: new SessionStore(store, opts.vault, log),
    device: new DeviceIdentity(store, opts.device.host, opts.device.version, opts.device.name),
    log,
    storeRecovered: opts.storeRecovered ?? false,
  });
  const kiosk = new KioskController(store, { flags: opts.kiosk?.flags ?? {}, env: opts.kiosk?.env ?? {}, log });
  const demo = new DemoReset({ api, session, kiosk, credentials: opts.demoAccount, log });
  const appInfo: AppInfo = { version: opts.device.version, serverUrl: api.baseUrl, host: opts.device.host, kiosk: kiosk.getState().enabled };
  const playback = new PlaybackSessions(session, api.baseUrl, log);
  const handlers = createBridgeHandlers(session, appInfo, { controller: kiosk, demo }, store, opts.service, log, playback);

  const listeners = new Set<(event: BridgeEvent) => void>();
  const emit = (event: BridgeEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        log.error('an event listener failed', { event: event.event, error: String(err) });
      }
    }
  };
  // The one place the core's changes become events (each host used to wire all five itself).
  const offs = [
    session.onChange((state) => emit({ event: 'session-changed', state })),
    session.onDevicesChanged(() => emit({ event: 'devices-changed' })),
    session.onLibraryChanged((profileId) => emit({ event: 'library-changed', profileId })),
    // Sign in with a code's progress: the short user code only (the device code stays in the core).
    session.onCodeSignInChanged((state) => emit({ event: 'code-sign-in-changed', state })),
    kiosk.onChange((state) => emit({ event: 'kiosk-changed', state })),
  ];

  return {
    session,
    kiosk,
    demo,
    playback,
    handlers,
    appInfo,
    service: opts.service,
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    start() {
      void session.restore();
    },
    dispose() {
      for (const off of offs) off();
      playback.dispose();
      session.dispose();
      listeners.clear();
    },
  };
}
