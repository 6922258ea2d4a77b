/** The set-up every account web page scope shares (/account and /activate): forms, cookies, headers, HTML errors. */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { toApiError } from '../errors';
import { errorPage } from './pages';

/** The content type of every page. */
export const HTML = 'text/html; charset=utf-8';

const ERROR_HEADINGS: Record<number, string> = {
  400: 'Something is not right',
  403: 'Request blocked',
  404: 'Page not found',
  413: 'Request too large',
  415: 'Unsupported request',
  429: 'Too many tries',
};

/** Cookies, form bodies (no JSON), strict security headers and HTML error pages for one encapsulated scope. */
export async function setupWebScope(scope: FastifyInstance): Promise<void> {
  await scope.register(fastifyCookie);
  await scope.register(fastifyFormbody);
  // Forms only: HTML forms cannot send JSON, so refusing it keeps this surface small.
  scope.removeContentTypeParser('application/json');

  scope.addHook('onRequest', async (_request, reply) => {
    reply.headers({
      'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
    });
  });

  scope.setErrorHandler((err, request, reply) => {
    const e = toApiError(err);
    if (e.status >= 500) request.log.error({ err }, 'account page failed');
    const heading = ERROR_HEADINGS[e.status] ?? 'Something went wrong';
    if (e.retryAfterSeconds !== undefined) reply.header('retry-after', String(e.retryAfterSeconds));
    return reply.code(e.status).type(HTML).send(errorPage(heading, e.message));
  });
  scope.setNotFoundHandler((_request, reply) =>
    reply.code(404).type(HTML).send(errorPage('Page not found', 'There is nothing at this address.')),
  );
}
