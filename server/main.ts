/** CLI: runs the mock streaming service. `tsx server/main.ts --help` for flags. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { flagProblem, type FlagError } from '../shared/cli';
import { DEMO_ACCOUNT } from './seed';
import { databasePath, isLoopbackHost, startService, type RunningService } from './service';

const USAGE = `Usage: npm run server -- [options]   (or: npx tsx server/main.ts [options])

  --port N          port to listen on (env COUCHSIDE_SERVER_PORT, default 4700; 0 = any free port)
  --host H          interface to bind (default 127.0.0.1; loopback only unless --allow-remote)
  --allow-remote    allow binding a non-loopback host (the service has no TLS; demo data only)
  --data-dir DIR    where couchside.db lives (env COUCHSIDE_SERVER_DATA_DIR, default .data/server)
  --memory          keep the database in memory (nothing persists)
  --control         enable the control API for tests and demos (env COUCHSIDE_CONTROL=1)
  --access-ttl S    access token lifetime in seconds (env COUCHSIDE_ACCESS_TTL, default 900); after it
                    calls get 401 token_expired and the client refreshes
  --push-delay-ms N hold "revoked" pushes back N ms after the sign-out is committed (env
                    COUCHSIDE_PUSH_DELAY_MS, default 0). Emulates slow services (some take
                    hours) to test a client's behaviour; API calls are refused at once regardless
  --device-code-ttl S
                    sign in with a code: seconds a code stays valid (env
                    COUCHSIDE_DEVICE_CODE_TTL, default 600); the TV then shows a new one
  --device-code-interval S
                    sign in with a code: seconds a TV waits between polls (env
                    COUCHSIDE_DEVICE_CODE_INTERVAL, default 5; grows by 5 on each slow_down)
  --verbose         log every request
  -h, --help        show this help

Streaming: each title's video is made with ffmpeg on its first play (a few seconds) and kept in
DIR/media (with --memory: couchside-media in the system's temp folder; env COUCHSIDE_MEDIA_DIR
puts it elsewhere; it keeps within 2 GiB, env COUCHSIDE_MEDIA_CACHE_MB, removing the titles played
longest ago). env COUCHSIDE_FFMPEG names the ffmpeg binary (default: ffmpeg on the PATH, else the static build
npm installed with the app, @ffmpeg-installer); without one, playback answers 503.`;

function fail(message: string, code = 1): never {
  process.stderr.write(`couchside server: ${message}\n`);
  process.exit(code);
}

/** A whole number from a flag or env value, within [min, max]; exits with a usage error otherwise. */
function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) fail(`invalid ${name} "${text}" (use a whole number from ${min} to ${max})`, 2);
  return value;
}

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-remote': { type: 'boolean' },
  'data-dir': { type: 'string' },
  memory: { type: 'boolean' },
  control: { type: 'boolean' },
  'access-ttl': { type: 'string' },
  'push-delay-ms': { type: 'string' },
  'device-code-ttl': { type: 'string' },
  'device-code-interval': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCli() {
  try {
    return parseArgs({
      options: FLAGS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    return fail(`${flagProblem(err as FlagError, Object.keys(FLAGS))}\n\n${USAGE}`, 2);
  }
}

async function main(): Promise<void> {
  const args = parseCli();
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const portText = args.port ?? process.env.COUCHSIDE_SERVER_PORT ?? '4700';
  const port = Number(portText);
  if (!/^\d+$/.test(portText.trim()) || port > 65535) fail(`invalid port "${portText}" (use 0-65535)`, 2);

  const host = args.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !args['allow-remote']) {
    fail(`refusing to listen on non-loopback host "${host}": the mock service has no TLS and serves demo accounts. Pass --allow-remote to do it anyway.`, 2);
  }

  const dataDir = args.memory ? null : resolve(args['data-dir'] ?? process.env.COUCHSIDE_SERVER_DATA_DIR ?? '.data/server');
  const control = Boolean(args.control) || process.env.COUCHSIDE_CONTROL === '1';
  if (control && !isLoopbackHost(host)) fail(`the control API is loopback-only: refusing --control with host "${host}".`, 2);
  const ttlText = args['access-ttl'] ?? process.env.COUCHSIDE_ACCESS_TTL;
  const accessTtlMs = ttlText === undefined ? undefined : wholeNumber('--access-ttl', ttlText, 1, 30 * 24 * 60 * 60) * 1000;
  const delayText = args['push-delay-ms'] ?? process.env.COUCHSIDE_PUSH_DELAY_MS;
  const pushDelayMs = delayText === undefined ? 0 : wholeNumber('--push-delay-ms', delayText, 0, 24 * 60 * 60 * 1000);
  const codeTtlText = args['device-code-ttl'] ?? process.env.COUCHSIDE_DEVICE_CODE_TTL;
  const deviceCodeTtlSeconds = codeTtlText === undefined ? undefined : wholeNumber('--device-code-ttl', codeTtlText, 10, 24 * 60 * 60);
  const codeIntervalText = args['device-code-interval'] ?? process.env.COUCHSIDE_DEVICE_CODE_INTERVAL;
  const deviceCodeIntervalSeconds = codeIntervalText === undefined ? undefined : wholeNumber('--device-code-interval', codeIntervalText, 1, 300);

  let service: RunningService;
  try {
    service = await startService({ dataDir, port, host, control, logger: Boolean(args.verbose), accessTtlMs, pushDelayMs, deviceCodeTtlSeconds, deviceCodeIntervalSeconds });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port ${port} is already in use on ${host}. Stop the other process or pass --port 0 for a free port.`);
    if (e.code === 'EADDRNOTAVAIL') fail(`cannot listen on ${host}: no such local address.`);
    if (e.code === 'EACCES') fail(`not allowed to listen on ${host}:${port}.`);
    if (e.syscall === 'listen') fail(`cannot listen on ${host}:${port}: ${e.message}`);
    return fail(`cannot open the database ${dataDir ? databasePath(dataDir) : 'in memory'}: ${e.message}`);
  }
  const url = service.url;

  process.stdout.write(`Couchside mock service listening on ${url}\n`);
  if (control) process.stdout.write('control API enabled\n');
  if (accessTtlMs !== undefined) process.stdout.write(`access tokens last ${accessTtlMs / 1000} s\n`);
  if (deviceCodeTtlSeconds !== undefined || deviceCodeIntervalSeconds !== undefined) {
    process.stdout.write(`sign-in codes last ${deviceCodeTtlSeconds ?? 600} s, polled every ${deviceCodeIntervalSeconds ?? 5} s\n`);
  }
  if (pushDelayMs > 0) process.stdout.write(`revocation pushes held back ${pushDelayMs} ms (emulating a slow service)\n`);
  process.stdout.write(`Demo account: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`couchside server: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    service.close().then(
      () => process.exit(0),
      (err: unknown) => fail(`error while shutting down: ${(err as Error).message}`),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => fail((err as Error).message ?? String(err)));
