/**
 * The messages between the app and its own service process (server/service-process.ts), and the
 * adapter that lets that entry talk to an Electron utilityProcess parent (process.parentPort) and
 * to a Node child_process.fork parent (process.send) alike, so the same entry is tested under Node.
 */
import type { ServiceStatus } from '../shared/service';

/** What the app may ask for when it starts its own service. */
export interface ServiceProcessOptions {
  /** Folder for couchside.db (the app's userData/service); null keeps it in memory. */
  dataDir: string | null;
  /** Preferred port (default 4700); another free one is taken when it is in use. */
  port?: number;
  /** Open the account page to the local network from the start. */
  lan?: boolean;
  /** The loopback-only control API, for kiosk demo mode's reset. Default off. */
  control?: boolean;
}

/** Parent -> service. */
export type ServiceRequest =
  | { type: 'start'; options: ServiceProcessOptions }
  | { type: 'set-lan'; id: number; on: boolean }
  | { type: 'stop' };

/** Service -> parent. */
export type ServiceReply =
  | { type: 'ready'; status: ServiceStatus }
  | { type: 'failed'; message: string }
  | { type: 'lan'; id: number; status: ServiceStatus }
  | { type: 'stopped' };

/** The default port of the app's own service (the one the README and phones' bookmarks know). */
export const EMBEDDED_SERVICE_PORT = 4700;

/** The child's end of the channel to whoever started it. */
export interface ParentChannel {
  onMessage(cb: (msg: unknown) => void): void;
  post(msg: ServiceReply): void;
  /** Called once when the parent goes away (Node fork only; Electron kills a utility process with the app). */
  onGone(cb: () => void): void;
}

interface ParentPortLike {
  on(event: 'message', cb: (e: { data: unknown }) => void): unknown;
  postMessage(msg: unknown): void;
}

/** The channel for this process: Electron's parentPort, else Node's IPC channel, else null. */
export function parentChannel(proc: NodeJS.Process = process): ParentChannel | null {
  const port = (proc as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
  if (port) {
    return { onMessage: (cb) => void port.on('message', (e) => cb(e.data)), post: (msg) => port.postMessage(msg), onGone: () => {} };
  }
  if (typeof proc.send === 'function') {
    return {
      onMessage: (cb) => void proc.on('message', cb),
      // With a callback a closed channel is not an 'error' event (which would end the process).
      post: (msg) => void (proc.connected && proc.send?.(msg, undefined, undefined, () => {})),
      onGone: (cb) => void proc.once('disconnect', cb),
    };
  }
  return null;
}

/** The ServiceRequest in an incoming message, or null when it is not one. */
export function parseRequest(msg: unknown): ServiceRequest | null {
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as Record<string, unknown>;
  if (m.type === 'stop') return { type: 'stop' };
  if (m.type === 'set-lan' && typeof m.id === 'number' && typeof m.on === 'boolean') return { type: 'set-lan', id: m.id, on: m.on };
  if (m.type === 'start' && m.options && typeof m.options === 'object') {
    const o = m.options as Record<string, unknown>;
    if (o.dataDir !== null && typeof o.dataDir !== 'string') return null;
    if (o.port !== undefined && !(Number.isInteger(o.port) && (o.port as number) >= 0 && (o.port as number) <= 65535)) return null;
    if (o.lan !== undefined && typeof o.lan !== 'boolean') return null;
    if (o.control !== undefined && typeof o.control !== 'boolean') return null;
    const options: ServiceProcessOptions = { dataDir: o.dataDir as string | null, port: o.port as number | undefined, lan: o.lan as boolean | undefined };
    if (o.control !== undefined) options.control = o.control as boolean;
    return { type: 'start', options };
  }
  return null;
}

function isStatus(v: unknown): v is ServiceStatus {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const lan = s.lan as Record<string, unknown> | undefined;
  return typeof s.url === 'string' && !!lan && typeof lan.enabled === 'boolean' && Array.isArray(lan.urls);
}

/** The ServiceReply in a message from the service process, or null when it is not one. */
export function parseReply(msg: unknown): ServiceReply | null {
  if (!msg || typeof msg !== 'object') return null;
  const m = msg as Record<string, unknown>;
  if (m.type === 'ready' && isStatus(m.status)) return { type: 'ready', status: m.status };
  if (m.type === 'lan' && typeof m.id === 'number' && isStatus(m.status)) return { type: 'lan', id: m.id, status: m.status };
  if (m.type === 'failed' && typeof m.message === 'string') return { type: 'failed', message: m.message };
  if (m.type === 'stopped') return { type: 'stopped' };
  return null;
}
