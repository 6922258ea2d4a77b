/**
 * The entry of the service process the Electron app starts for itself when it is given no
 * --server-url (electron/main/embedded-service.ts forks it with utilityProcess). It waits for a
 * `start` message, runs startService on loopback (data in the folder it is given; the demo
 * household seeded on first run only), answers `ready` with the addresses, opens or closes the
 * service to the local network on `set-lan`, and closes everything on `stop`. Built by electron-vite
 * as out/main/service.js; tests fork the same file under Node.
 */
import { parentChannel, parseRequest, EMBEDDED_SERVICE_PORT, type ServiceProcessOptions, type ServiceReply } from './service-protocol';
import { startService, type RunningService } from './service';

const channel = parentChannel();
if (!channel) {
  process.stderr.write('couchside service: start me from the Couchside app (no parent to talk to).\n');
  process.exit(2);
}

let service: RunningService | null = null;
let starting: Promise<void> | null = null;
let stopping = false;
/** Tells the parent, unless it has gone (then there is nobody to tell). */
const post = (msg: ServiceReply) => {
  try {
    channel.post(msg);
  } catch {
    // The IPC channel closed with the parent.
  }
};

async function start(options: ServiceProcessOptions): Promise<void> {
  try {
    service = await startService({
      dataDir: options.dataDir,
      port: options.port ?? EMBEDDED_SERVICE_PORT,
      fallbackToFreePort: true,
      lan: options.lan ?? false,
      control: options.control ?? false,
    });
    post({ type: 'ready', status: service.status() });
    process.stdout.write(`Couchside service listening on ${service.url} (data in ${options.dataDir ?? 'memory'})\n`);
  } catch (err) {
    post({ type: 'failed', message: (err as Error).message });
    process.exitCode = 1;
    stop();
  }
}

function stop(): void {
  if (stopping) return;
  stopping = true;
  void (async () => {
    await starting?.catch(() => undefined);
    await service?.close().catch((err: unknown) => process.stderr.write(`couchside service: error while closing: ${(err as Error).message}\n`));
    post({ type: 'stopped' });
    // Let the last message leave before the process goes.
    setImmediate(() => process.exit());
  })();
}

channel.onMessage((msg) => {
  const req = parseRequest(msg);
  if (!req) {
    process.stderr.write(`couchside service: ignoring an unknown message\n`);
    return;
  }
  if (req.type === 'start') {
    if (!starting && !stopping) starting = start(req.options);
  } else if (req.type === 'set-lan') {
    const running = service;
    if (!running) {
      process.stderr.write('couchside service: set-lan before the service is ready; ignored\n');
      return;
    }
    void running.setLan(req.on).then((status) => post({ type: 'lan', id: req.id, status }));
  } else {
    stop();
  }
});
channel.onGone(stop);
process.on('SIGTERM', stop);
