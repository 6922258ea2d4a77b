/**
 * Per client address limits on the routes that take a password or a sign-in code, with
 * @fastify/rate-limit (in memory: an address's count restarts with the service; the per-account
 * counts in guessing.ts are the ones kept across restarts). A refusal is a 429 with Retry-After
 * and the wait in words, as JSON on the API and as a page on the account pages.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Database } from './db';
import { guessingLimited, tooManyTries } from './guessing';

/** Password tries (sign-in, account page sign-in) per client address. */
export const PASSWORD_TRIES_PER_ADDRESS = { max: 20, timeWindow: 60_000 } as const;
/** Sign-in code entries on /activate per client address. */
export const CODE_ENTRIES_PER_ADDRESS = { max: 20, timeWindow: 60_000 } as const;

/** Registers the plugin (routes opt in with `config: { rateLimit: … }`); the control API can lift it. */
export async function registerRateLimits(app: FastifyInstance, db: Database): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    allowList: () => !guessingLimited(db),
    // Thrown, so the API answers JSON and the account pages a page, each saying how long to wait.
    errorResponseBuilder: (_request, context) => tooManyTries(context.ttl / 1000, 'Too many tries from this device.'),
  });
}

/** Route options for a password route. */
export const passwordRoute = { config: { rateLimit: PASSWORD_TRIES_PER_ADDRESS } };
/** Route options for a sign-in code entry route. */
export const codeEntryRoute = { config: { rateLimit: CODE_ENTRIES_PER_ADDRESS } };
