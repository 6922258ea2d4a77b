/**
 * One way to keep a secret: scrypt with a random salt, stored as `scrypt$N$r$p$<salt b64>$<hash b64>`
 * and compared in constant time. The service keeps account passwords and profile PINs this way
 * (server/passwords.ts), the client core the kiosk admin PIN (electron/core/pin-hash.ts). Plain
 * Node (node:crypto), so it lives outside shared/, which the renderer also imports.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** The cost new hashes are made with (RFC 7914's interactive-login figures). */
export const SCRYPT_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function derive(secret: string, salt: Buffer, keyLength: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r * cost.p + 1024 * 1024 };
  // NFC: the same password typed on two keyboards (composed or decomposed accents) is the same.
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a secret with a fresh salt. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, KEY_LENGTH, SCRYPT_COST);
  return `scrypt$${SCRYPT_COST.N}$${SCRYPT_COST.r}$${SCRYPT_COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * The parts of a stored hash, or null when it is not one this format could have written. The cost
 * is bounded, so a damaged or planted row cannot make a check eat all memory or time.
 */
function parseHash(stored: string): ParsedHash | null {
  const m = HASH_PATTERN.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(m[4]!, 'base64');
  const key = Buffer.from(m[5]!, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { N, r, p, salt, key };
}

/** True when `v` is a stored hash in this format. */
export function isSecretHash(v: unknown): v is string {
  return typeof v === 'string' && parseHash(v) !== null;
}

/** True when `secret` matches `stored`; a malformed hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h) return false;
  const key = await derive(secret, h.salt, h.key.length, h);
  return timingSafeEqual(key, h.key);
}
