/**
 * Settings → About's service part, the same in Electron and the web host: the addresses of the
 * service and its account page, and "Let phones on this network open the account page", which
 * only a host that started the service itself can change (the Electron app's own service process,
 * or the service `npm start` runs beside the web host). The setting is kept in the device's store,
 * off by default.
 */
import type { Result, ServiceInfo } from '../../shared/bridge';
import type { ServiceStatus } from '../../shared/service';
import type { KeyValueStore, StoreData } from './store';

/** What a host that started the service can do with it. */
export interface ServiceControl {
  /** The service's latest status, or null while it is not running. */
  status(): ServiceStatus | null;
  /** Opens or closes it to the local network. */
  setLan(on: boolean): Promise<ServiceStatus>;
  /** Why it is not running (failed to start, stopped), or null. */
  problem(): string | null;
}

/** The words a user reads about the setting. */
export const SERVICE_MESSAGES = {
  notStartedHere:
    'This app uses a service it did not start (--server-url, or npm start with --no-server), so it cannot open that service to your network. Start that service with --host and --allow-remote instead.',
  notRunning: 'The Couchside service is not running, so it cannot be opened to your network.',
} as const;

/** The account page under a service's base URL. */
export const accountPage = (base: string) => `${base.replace(/\/+$/, '')}/account`;

/** Reads and changes the service part of About; `control` is null when this host did not start the service. */
export interface ServiceAccess {
  getServiceInfo(): Promise<ServiceInfo>;
  setLanAccess(enabled: boolean): Promise<Result<ServiceInfo>>;
  /** The stored setting (the Electron app passes it when it starts its service). */
  storedLan(): boolean;
}

export function createServiceAccess(opts: { serverUrl: string; control: ServiceControl | null; store: KeyValueStore<StoreData> }): ServiceAccess {
  const { control, store } = opts;
  const storedLan = () => store.get('serviceLan') === true;

  const info = (status: ServiceStatus | null): ServiceInfo => {
    const url = status?.url ?? opts.serverUrl;
    const problem = control ? control.problem() : null;
    return {
      url,
      accountUrl: accountPage(url),
      startedHere: control !== null,
      problem,
      lan: {
        unavailable: !control ? SERVICE_MESSAGES.notStartedHere : !status ? (problem ?? SERVICE_MESSAGES.notRunning) : null,
        enabled: status ? status.lan.enabled : control ? storedLan() : false,
        accountUrls: status ? status.lan.urls.map(accountPage) : [],
        problem: status?.lan.problem ?? null,
      },
    };
  };

  return {
    getServiceInfo: async () => info(control?.status() ?? null),
    setLanAccess: async (enabled: boolean) => {
      if (!control) return { ok: false, error: { code: 'failed', message: SERVICE_MESSAGES.notStartedHere } };
      if (!control.status()) return { ok: false, error: { code: 'failed', message: control.problem() ?? SERVICE_MESSAGES.notRunning } };
      let status: ServiceStatus;
      try {
        status = await control.setLan(enabled);
      } catch (err) {
        return { ok: false, error: { code: 'failed', message: (err as Error).message || SERVICE_MESSAGES.notRunning } };
      }
      store.set('serviceLan', enabled);
      return { ok: true, value: info(status) };
    },
    storedLan,
  };
}

/** A RunningService started in this process (the web host under `npm start`) as a ServiceControl. */
export function inProcessControl(service: { status(): ServiceStatus; setLan(on: boolean): Promise<ServiceStatus> }): ServiceControl {
  return { status: () => service.status(), setLan: (on) => service.setLan(on), problem: () => null };
}
