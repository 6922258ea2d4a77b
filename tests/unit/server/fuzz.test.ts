/**
 * A bounded fuzz suite (fast-check): arbitrary JSON bodies, body types, paths, query strings and
 * headers against every route of the real service, signed in and not. The properties: no answer
 * is a 5xx, every error answer is the API's JSON error (or a page on the account pages), and the
 * service still answers a health check afterwards. Bounded in runs so it fits in `npm test`; a
 * failure prints the shrunk request that broke it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, CONTROL } from '../../../shared/api';
import type { CouchsideServer } from '../../../server/app';
import { bearer, CONTROL_JSON, firstProfileId, memoryServer, signIn } from './helpers';

let server: CouchsideServer;
let token: string;
let profileId: string;
beforeAll(async () => {
  // Limits lifted: thousands of requests from one address are the point here.
  server = await memoryServer({ control: true, rateLimits: false });
  token = (await signIn(server)).accessToken;
  profileId = await firstProfileId(server, token);
});
afterAll(() => server.close());

const RUNS = 250;

/** A JSON value as a form body (objects' fields as fields, nested values as JSON text). */
function formOf(body: unknown): string {
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : [];
  return new URLSearchParams(fields.map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString();
}

/** Every route but the sign-outs (they would end the fuzz's own session), ids real and arbitrary. */
const routes = (id: string): Array<[string, string]> => [
  ['POST', API.signIn],
  ['POST', API.refresh],
  ['GET', API.session],
  ['GET', API.devices],
  ['PATCH', API.device(id)],
  ['DELETE', API.device(id)],
  ['PUT', API.currentProfile],
  ['POST', API.password],
  ['GET', API.profiles],
  ['POST', API.profiles],
  ['PATCH', API.profile(id)],
  ['DELETE', API.profile(id)],
  ['PUT', API.profilePin(id)],
  ['POST', API.profileUnlock(id)],
  ['GET', `${API.home}?profileId=${encodeURIComponent(id)}`],
  ['GET', `${API.title(id)}?profileId=${encodeURIComponent(id)}`],
  ['GET', `${API.search}?profileId=${encodeURIComponent(id)}&q=${encodeURIComponent(id)}`],
  ['PUT', API.myList(id, id)],
  ['DELETE', API.myList(id, id)],
  ['PUT', API.progress(id, id)],
  ['POST', API.deviceCode],
  ['POST', API.deviceToken],
  ['POST', CONTROL.revokeDevice],
  ['POST', CONTROL.seed],
  ['POST', CONTROL.outage],
  ['POST', CONTROL.approveDeviceCode],
  ['POST', CONTROL.expireDeviceCode],
  ['POST', '/account/login'],
  ['POST', '/account/password'],
  ['POST', '/activate'],
  ['POST', '/activate/confirm'],
];

/** JSON that looks like the API's bodies, and JSON that does not. */
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      email: fc.oneof(fc.emailAddress(), fc.string(), fc.constant('demo@couchside.test')),
      password: fc.string({ maxLength: 40 }),
      name: fc.string({ maxLength: 30 }),
      pin: fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null), fc.integer()),
      device: fc.oneof(fc.record({ name: fc.string(), platform: fc.string(), appVersion: fc.string() }), fc.jsonValue({ maxDepth: 1 })),
      positionSeconds: fc.oneof(fc.integer(), fc.double(), fc.string()),
      deviceCode: fc.string(),
      refreshToken: fc.string(),
      userCode: fc.string(),
    },
    { requiredKeys: [] },
  ),
);

const bodyType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '');

const id = fc.oneof(fc.constant(() => profileId), fc.string({ maxLength: 40 }).map((s) => () => s), fc.constant(() => '..%2F..'));

describe('fuzzing the service', () => {
  it('never answers 5xx to any body on any route, signed in or not', async () => {
    await fc.assert(
      fc.asyncProperty(id, fc.nat(), jsonValue, bodyType, fc.boolean(), async (idOf, pick, body, type, authed) => {
        const all = routes(idOf());
        const [method, url] = all[pick % all.length]!;
        const headers: Record<string, string> = { ...CONTROL_JSON, ...(authed ? bearer(token) : {}) };
        if (type) headers['content-type'] = type;
        else delete headers['content-type'];
        const payload = type.startsWith('application/x-www-form') ? formOf(body) : JSON.stringify(body);
        const res = await server.app.inject({ method: method as 'GET', url, headers, payload: method === 'GET' ? undefined : payload });
        expect(res.statusCode, `${method} ${url} ${type} ${payload.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS * 4 },
    );
    // Put back whatever the fuzz did to the service's state (an outage, say).
    await server.app.inject({ method: 'POST', url: CONTROL.outage, headers: CONTROL_JSON, payload: JSON.stringify({ mode: 'normal' }) });
    expect((await server.app.inject({ method: 'GET', url: API.health })).statusCode).toBe(200);
  });

  it('never answers 5xx to arbitrary paths, query strings and header values', async () => {
    const header = fc.string({ maxLength: 60 }).filter((s) => /^[\t\x20-\x7e]*$/.test(s));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.webPath(),
        fc.webQueryParameters(),
        header,
        header,
        async (method, path, query, auth, cookie) => {
          const url = `${path.startsWith('/') ? path : `/${path}`}${query ? `?${query}` : ''}`;
          const res = await server.app.inject({ method: method as 'GET', url, headers: { authorization: auth, cookie } });
          expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS * 4 },
    );
    expect((await server.app.inject({ method: 'GET', url: API.health })).statusCode).toBe(200);
  });
});
