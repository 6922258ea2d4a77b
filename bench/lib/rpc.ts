/**
 * Request/reply over the Node IPC channel between the bench parent and its forked children, plus
 * the bookkeeping that guarantees no child outlives the bench (killed on exit and on signals; a
 * child exits by itself when the parent's channel goes away).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (children run with it as cwd so `--import tsx` resolves). */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

interface RpcRequest {
  rpc: 'req';
  id: number;
  cmd: string;
  args?: unknown;
}

interface RpcReply {
  rpc: 'res';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

const live = new Set<ChildProcess>();

/** Kills every child still running (SIGKILL; synchronous, safe inside an 'exit' handler). */
export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

/** A forked TypeScript child (run under tsx) that answers `call(cmd, args)`. */
export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  private exited: string | null = null;
  readonly proc: ChildProcess;
  readonly exitedPromise: Promise<void>;

  constructor(
    file: string,
    readonly name: string,
    opts: { exposeGc?: boolean; cpuProfileDir?: string } = {},
  ) {
    const execArgv = ['--import', 'tsx'];
    if (opts.exposeGc) execArgv.push('--expose-gc');
    if (opts.cpuProfileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`);
    this.proc = fork(resolve(ROOT, file), [], { cwd: ROOT, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    live.add(this.proc);
    this.exitedPromise = new Promise((res) => {
      this.proc.once('exit', (code, signal) => {
        live.delete(this.proc);
        this.exited = `${this.name} (pid ${this.proc.pid}) exited with ${signal ?? `code ${code}`}`;
        for (const [, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(new Error(this.exited));
        }
        this.pending.clear();
        res();
      });
    });
    this.proc.on('message', (msg: RpcReply) => {
      if (!msg || msg.rpc !== 'res') return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`${this.name}: ${msg.error ?? 'failed'}`));
    });
    this.proc.on('error', () => {
      /* reported through 'exit' */
    });
  }

  /** Sends `cmd` and resolves to the child's answer; rejects on error, child exit, or after `timeoutMs`. */
  call<R>(cmd: string, args?: unknown, timeoutMs = 60_000): Promise<R> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const id = this.nextId++;
    return new Promise<R>((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: '${cmd}' got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve: resolvePromise as (v: unknown) => void, reject, timer });
      const req: RpcRequest = { rpc: 'req', id, cmd, args };
      this.proc.send(req, (err) => {
        if (err && this.pending.delete(id)) {
          clearTimeout(timer);
          reject(new Error(`${this.name}: could not send '${cmd}': ${err.message}`));
        }
      });
    });
  }

  /** Asks the child to stop (its 'shutdown' handler, if any), then kills it if it lingers. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.exited) return;
    await this.call('shutdown', undefined, graceMs).catch(() => undefined);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    timer.unref();
    this.proc.disconnect?.();
    await this.exitedPromise;
    clearTimeout(timer);
  }
}

/** Handlers a child serves; each gets the request's args and may return a promise. */
export type Handlers = Record<string, (args: any) => unknown>;

/**
 * Serves `handlers` over the IPC channel in a forked child. The child exits when the parent goes
 * away (channel closed) or after `maxLifetimeMs`, whichever comes first, so it can never linger.
 */
export function serveRpc(handlers: Handlers, maxLifetimeMs = 45 * 60_000): void {
  if (!process.send) throw new Error('serveRpc: not started with an IPC channel (run me through bench/run.ts)');
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => {
    console.error(`[bench child ${process.pid}] lived past its ${maxLifetimeMs} ms limit; exiting`);
    process.exit(3);
  }, maxLifetimeMs).unref();
  process.on('message', (msg: RpcRequest) => {
    if (!msg || msg.rpc !== 'req') return;
    const reply = (r: Omit<RpcReply, 'rpc' | 'id'>) => {
      if (process.connected) process.send!({ rpc: 'res', id: msg.id, ...r } satisfies RpcReply);
    };
    const handler = handlers[msg.cmd];
    if (!handler) return reply({ ok: false, error: `unknown command '${msg.cmd}'` });
    Promise.resolve()
      .then(() => handler(msg.args))
      .then(
        (result) => reply({ ok: true, result }),
        (err: unknown) => reply({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  // 'shutdown' is answered first, then the process leaves.
  const own = handlers.shutdown;
  handlers.shutdown = async (args: unknown) => {
    await own?.(args);
    setTimeout(() => process.exit(0), 50).unref();
    return null;
  };
}
