/** Describes this device to the server at sign-in (name, platform, app version). */
import { hostname, platform } from 'node:os';
import type { DeviceInfo } from '../../shared/api';

const PLATFORM_NAMES: Record<string, string> = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };

/** The DeviceInfo for this machine; `host` says whether it is the Electron app or the web host. */
export function describeDevice(host: 'electron' | 'web', appVersion: string, name?: string): DeviceInfo {
  const os = PLATFORM_NAMES[platform()] ?? platform();
  return {
    name: (name ?? `Couchside on ${hostname()}`).slice(0, 80),
    platform: host === 'web' ? `${os} (web host)` : os,
    appVersion,
  };
}
