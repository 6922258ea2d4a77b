/** Which Host names the service answers to, and what a control call must carry. */
import type { FastifyRequest } from 'fastify';
import { hostname, networkInterfaces } from 'node:os';
import { CONTROL_HEADER } from '../shared/api';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/** The host part of a Host header, lower-cased, without the port or IPv6 brackets. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 1 ? h.slice(1, end) : null;
  }
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/**
 * The names a request may give in its Host header: the loopback names, any given, and once the
 * service listens on a non-loopback address, that address plus this machine's own addresses and
 * name (so a phone on the LAN reaches the account page by IP).
 */
export class HostAllowList {
  private readonly names: Set<string>;

  constructor(extra: readonly string[]) {
    this.names = new Set([...LOOPBACK_NAMES, ...extra.map((n) => n.toLowerCase())]);
  }

  /** Records the address the service listens on (0.0.0.0 / :: mean every local address). */
  listeningOn(host: string): void {
    const h = host.toLowerCase();
    if (LOOPBACK_NAMES.includes(h) || h.startsWith('127.')) return;
    if (h !== '0.0.0.0' && h !== '::') {
      this.names.add(h);
      return;
    }
    this.names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) this.names.add(a.address.toLowerCase());
  }

  allows(header: string | undefined): boolean {
    const name = hostName(header);
    return name !== null && (this.names.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name));
  }
}

/** Why a control call is refused (a browser page could have sent it), or null when it may go on. */
export function controlRefusal(request: FastifyRequest): string | null {
  if (request.headers[CONTROL_HEADER.name] !== CONTROL_HEADER.value) {
    return `Control calls need the ${CONTROL_HEADER.name}: ${CONTROL_HEADER.value} header.`;
  }
  if (request.method === 'POST' && !String(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return 'Control calls send JSON (content-type: application/json).';
  }
  return null;
}
