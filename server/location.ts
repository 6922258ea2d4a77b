/**
 * "Approximate location" for the devices list, from the client's IP address alone. A real geo
 * database is out of scope for the mock: this says only how near the address is, and masks the
 * rest so the list never shows a full public address.
 */
import { isIP } from 'node:net';

/** Shown for a device on the same machine as the service. */
export const LOCATION_THIS_COMPUTER = 'This computer';
/** Shown for a private, unique-local or link-local address. */
export const LOCATION_HOME_NETWORK = 'Home network';
/** Shown when there is no usable address. */
export const LOCATION_UNKNOWN = 'Unknown';

function ipv4Octets(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** Expands an IPv6 address to its eight 16-bit groups (handles "::" and an embedded IPv4 tail). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase().split('%')[0]!;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = ipv4Octets(tail[1]!);
    text = `${text.slice(0, -tail[1]!.length)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(rest);
  const fill = rest === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

function describeIpv4(ip: string): string {
  const [a, b, c] = ipv4Octets(ip) as [number, number, number, number];
  if (a === 127) return LOCATION_THIS_COMPUTER;
  const home = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  if (home) return LOCATION_HOME_NETWORK;
  if (a === 0) return LOCATION_UNKNOWN;
  return `Internet (${a}.${b}.${c}.x)`;
}

function describeIpv6(ip: string): string {
  const groups = ipv6Groups(ip);
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g))) return LOCATION_UNKNOWN;
  // IPv4-mapped (::ffff:a.b.c.d), as Node reports IPv4 clients on a dual-stack socket.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi, lo] = [groups[6]!, groups[7]!];
    return describeIpv4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (groups.slice(0, 7).every((g) => g === 0)) return groups[7] === 1 ? LOCATION_THIS_COMPUTER : LOCATION_UNKNOWN;
  const first = groups[0]!;
  // fc00::/7 unique local, fe80::/10 link-local.
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return LOCATION_HOME_NETWORK;
  return `Internet (${groups
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(':')}:x)`;
}

/**
 * Where a request came from, roughly: loopback -> "This computer"; RFC 1918, unique-local and
 * link-local -> "Home network"; anything else -> "Internet (203.0.113.x)" with the last part
 * masked; no or malformed address -> "Unknown".
 */
export function approximateLocation(ip: string | undefined | null): string {
  if (!ip) return LOCATION_UNKNOWN;
  const version = isIP(ip.split('%')[0]!);
  if (version === 4) return describeIpv4(ip);
  if (version === 6) return describeIpv6(ip);
  return LOCATION_UNKNOWN;
}
