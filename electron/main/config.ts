/** Reads the app's switches and env: --server-url, --no-server, --user-data-dir, --device-name, --kiosk, --demo, --idle-reset. */
import { app } from 'electron';
import { resolve } from 'node:path';
import { demoCredentialsFromEnv, type DemoCredentials } from '../core/demo-reset';
import { kioskSwitchesFromEnv, parseIdleReset, type KioskSwitches } from '../core/kiosk';

export interface AppConfig {
  serverUrl: string;
  /**
   * True when neither --server-url / COUCHSIDE_SERVER_URL nor --no-server was given: the app
   * starts its own service (electron/main/embedded-service.ts) and `serverUrl` is only a fallback.
   */
  ownService: boolean;
  /** --device-name / COUCHSIDE_DEVICE_NAME: what the devices list calls this PC (else "Couchside on <host>"). */
  deviceName: string | null;
  userDataDir: string | null;
  /** --kiosk, --demo, --idle-reset=SECONDS (win over the environment's). */
  kioskFlags: KioskSwitches;
  /** COUCHSIDE_KIOSK=1, COUCHSIDE_DEMO=1, COUCHSIDE_IDLE_RESET=SECONDS (win over the stored setting). */
  kioskEnv: KioskSwitches;
  /** COUCHSIDE_DEMO_EMAIL / COUCHSIDE_DEMO_PASSWORD, else the seeded demo account. */
  demoAccount: DemoCredentials;
  /** Bad values that were ignored (logged once the log is open); the app starts anyway. */
  problems: string[];
}

/** Switch first, then env, then the default. */
export function readConfig(argv: readonly string[] = process.argv, env: Record<string, string | undefined> = process.env): AppConfig {
  const cl = app.commandLine;
  const problems: string[] = [];
  const givenUrl = cl.getSwitchValue('server-url') || env.COUCHSIDE_SERVER_URL || '';
  const serverUrl = givenUrl || 'http://127.0.0.1:4700';
  const dir = cl.getSwitchValue('user-data-dir') || env.COUCHSIDE_USER_DATA_DIR || '';
  let idleResetSeconds: number | undefined;
  try {
    idleResetSeconds = parseIdleReset(switchValue('idle-reset', argv), '--idle-reset');
  } catch (err) {
    problems.push(`${(err as Error).message} Ignoring it.`);
  }
  const deviceName = (cl.getSwitchValue('device-name') || env.COUCHSIDE_DEVICE_NAME || '').trim().slice(0, 40);
  return {
    serverUrl,
    ownService: !givenUrl && !cl.hasSwitch('no-server'),
    deviceName: deviceName || null,
    userDataDir: dir ? resolve(dir) : null,
    kioskFlags: { kiosk: cl.hasSwitch('kiosk'), demo: cl.hasSwitch('demo'), idleResetSeconds },
    kioskEnv: kioskSwitchesFromEnv(env, (p) => problems.push(`${p} Ignoring it.`)),
    demoAccount: demoCredentialsFromEnv(env),
    problems,
  };
}

/**
 * A switch's value as `--name=value` (Chromium's form) or `--name value` (which Chromium's parser
 * leaves as a separate argument).
 */
function switchValue(name: string, argv: readonly string[]): string | undefined {
  const given = app.commandLine.getSwitchValue(name);
  if (given) return given;
  const i = argv.indexOf(`--${name}`);
  const next = i >= 0 ? argv[i + 1] : undefined;
  return next !== undefined && !next.startsWith('-') ? next : undefined;
}

/** Points Electron's userData (and so electron-store) at a separate folder, e.g. per test. */
export function setupUserDataDir(config: AppConfig): void {
  if (config.userDataDir) app.setPath('userData', config.userDataDir);
}
