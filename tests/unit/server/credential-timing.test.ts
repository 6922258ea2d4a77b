/**
 * An unknown email costs the same scrypt work as a known one (a wrong password), so how long the
 * answer takes does not tell which emails have accounts. Counted, not timed: every sign-in,
 * known email or not, runs the password check exactly once against a real scrypt hash.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { DEMO_ACCOUNT, DEVICE, memoryServer } from './helpers';

const checks = vi.hoisted(() => [] as string[]);
vi.mock('../../../server/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../server/passwords')>();
  return {
    ...real,
    verifyPassword: async (password: string, stored: string) => {
      checks.push(stored);
      return real.verifyPassword(password, stored);
    },
  };
});

let server: CouchsideServer;
beforeAll(async () => {
  server = await memoryServer();
});
afterAll(() => server.close());

const signIn = (email: string, password: string) =>
  server.app.inject({ method: 'POST', url: API.signIn, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password, device: DEVICE }) });

describe('unknown emails and wrong passwords cost the same', () => {
  it('runs one scrypt check for an unknown email, as for a wrong password', async () => {
    checks.length = 0;
    const unknown = await signIn('nobody-here@couchside.test', 'some-password');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ error: { code: 'unknown_email' } });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/^scrypt\$16384\$8\$1\$/);

    checks.length = 0;
    const wrong = await signIn(DEMO_ACCOUNT.email, 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'wrong_password' } });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/^scrypt\$16384\$8\$1\$/);
  });
});
