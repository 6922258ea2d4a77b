/** Hashes and checks the kiosk admin PIN: scrypt with a random salt, compared in constant time. */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** What an admin PIN looks like: 4 to 8 digits. */
export const PIN_PATTERN = /^\d{4,8}$/;

const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(pin: string, salt: Buffer, keyLength: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r * cost.p };
  return new Promise((resolve, reject) => scrypt(pin, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a PIN as `scrypt$N$r$p$salt$hash` (base64 salt and hash). */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** The cost parameters of a stored hash, or null when it is not one we could have written. */
function parseHash(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const m = HASH_PATTERN.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Bounded, so a damaged or planted store entry cannot make a check eat all memory or time.
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(m[4]!, 'base64');
  const key = Buffer.from(m[5]!, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { N, r, p, salt, key };
}

/** True when `v` is a stored PIN hash in our format. */
export function isPinHash(v: unknown): v is string {
  return typeof v === 'string' && parseHash(v) !== null;
}

/** True when `pin` matches `stored`. A malformed hash never matches. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h) return false;
  const key = await derive(pin, h.salt, h.key.length, h);
  return timingSafeEqual(key, h.key);
}
