/** Retry delays for the client core: the one backoff (shared/backoff.ts), also used by the web bridge. */
export { backoffDelay, type BackoffOptions } from '../../shared/backoff';
