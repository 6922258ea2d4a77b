/** The API's error type, the JSON error body, and the mapping from any thrown error to a 4xx/5xx. */
import type { FastifyInstance } from 'fastify';
import type { ActiveStream, ApiErrorBody, ApiErrorCode, SignOutReason } from '../shared/types';

/** An error the API answers with its own status and code; everything else becomes 500 'internal'. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly reason?: SignOutReason,
    /** With 'pin_locked_out': seconds until another try is allowed. */
    readonly retryAfterSeconds?: number,
    /** With 'slow_down' (sign in with a code): the new polling interval in seconds. */
    readonly interval?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The request field this error is about ("email", "name"…), sent as `error.field`. */
  field?: string;

  /** Names the request field this error is about: `throw new ApiError(…).about('email')`. */
  about(field: string | undefined): this {
    if (field) this.field = field;
    return this;
  }

  /** With 'too_many_streams': the devices streaming now, sent as `error.streams`. */
  streams?: ActiveStream[];

  /** Lists the devices streaming: `throw new ApiError(409, 'too_many_streams', …).listing(streams)`. */
  listing(streams: ActiveStream[]): this {
    this.streams = streams;
    return this;
  }

  /** The JSON body every 4xx/5xx answer carries. */
  get body(): ApiErrorBody {
    const body = errorBody(this.code, this.message, this.reason, this.retryAfterSeconds, this.interval);
    if (this.field) body.error.field = this.field;
    if (this.streams) body.error.streams = this.streams;
    return body;
  }
}

/** Builds an ApiErrorBody. */
export function errorBody(code: ApiErrorCode, message: string, reason?: SignOutReason, retryAfterSeconds?: number, interval?: number): ApiErrorBody {
  return {
    error: {
      code,
      message,
      ...(reason ? { reason } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(interval !== undefined ? { interval } : {}),
    },
  };
}

interface AjvLikeError {
  keyword?: string;
  instancePath?: string;
  params?: { missingProperty?: string; allowedValues?: unknown[]; limit?: number };
}

const FIELD_LABELS: Record<string, string> = {
  email: 'Email',
  password: 'Password',
  device: 'Device details',
  name: 'Device name',
  platform: 'Device platform',
  appVersion: 'App version',
  profileId: 'Profile',
  refreshToken: 'Refresh token',
  currentPassword: 'Current password',
  newPassword: 'New password',
  signOutAllDevices: 'Sign out all devices',
  deviceId: 'Device',
  deviceName: 'Device name',
  mode: 'Mode',
  forMs: 'Duration (forMs)',
  delayMs: 'Delay (delayMs)',
  accounts: 'Accounts',
  pin: 'PIN',
  q: 'The search',
  titleId: 'Title',
  positionSeconds: 'Position',
  deviceCode: 'Device code',
  userCode: 'Code',
  avatar: 'Avatar',
  kids: 'Kids',
  maturity: 'Maturity rating',
  bandwidthKbps: 'Bandwidth (bandwidthKbps)',
  latencyMs: 'Latency (latencyMs)',
  failSegments: 'Fail segments (failSegments)',
  plan: 'Plan',
  streamId: 'Stream',
};

/** The field the first schema violation of a request is about (the last step of its path), if any. */
function validationField(errors: readonly AjvLikeError[]): string | undefined {
  const first = errors[0];
  if (!first) return undefined;
  const path = (first.instancePath ?? '').split('/').filter(Boolean);
  if (first.keyword === 'required' && first.params?.missingProperty) path.push(first.params.missingProperty);
  const field = path.at(-1);
  // An array index is not a field a person can fix; its array is.
  return field !== undefined && /^\d+$/.test(field) ? path.at(-2) : field;
}

/** A sentence a person can read for the first schema violation of a request. */
function validationMessage(errors: readonly AjvLikeError[]): string {
  const first = errors[0];
  if (!first) return 'The request is not valid.';
  const path = (first.instancePath ?? '').split('/').filter(Boolean);
  if (first.keyword === 'required' && first.params?.missingProperty) path.push(first.params.missingProperty);
  const field = path.at(-1);
  if (!field) return 'The request body must be a JSON object.';
  const missing = first.keyword === 'required' || first.keyword === 'minLength';
  if (field === 'email') {
    if (missing) return 'Enter your email address.';
    if (first.keyword === 'pattern' || first.keyword === 'format') return 'Enter a valid email address.';
  }
  if (field === 'password' && missing) return 'Enter your password.';
  if (field === 'profileId' && missing) return 'Choose a profile.';
  if (field === 'pin') return 'The PIN must be exactly 4 digits.';
  if (field === 'positionSeconds') return 'The position must be a number of seconds, 0 or more.';
  if (field === 'currentPassword' && missing) return 'Enter your current password.';
  if (field === 'newPassword' && missing) return 'Enter a new password.';
  const label = FIELD_LABELS[field] ?? `The field "${field}"`;
  if (first.keyword === 'maxLength') return `${label} is too long.`;
  if (first.keyword === 'type') return `${label} has the wrong type.`;
  if (first.keyword === 'maximum') return `${label} must be at most ${first.params?.limit}.`;
  if (first.keyword === 'minimum') return `${label} must be at least ${first.params?.limit}.`;
  if (first.keyword === 'enum' && first.params?.allowedValues) return `${label} must be one of: ${first.params.allowedValues.join(', ')}.`;
  if (missing) return `${label} is missing.`;
  return `${label} is not valid.`;
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Unsupported content type. Send the request body as JSON (Content-Type: application/json).'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The request body is too large.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The request body is empty.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'The request body does not match its Content-Length.'],
};

/** Maps anything thrown while handling a request to the ApiError to answer with. Bad input never maps to 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = (err ?? {}) as { validation?: AjvLikeError[]; code?: unknown; statusCode?: unknown };
  if (Array.isArray(e.validation)) return new ApiError(400, 'invalid_request', validationMessage(e.validation)).about(validationField(e.validation));
  if (typeof e.code === 'string' && FASTIFY_CODES[e.code]) {
    const [status, message] = FASTIFY_CODES[e.code]!;
    return new ApiError(status, 'invalid_request', message);
  }
  // The database is closed under a request (the service is shutting down, or lost its data
  // file): unavailable, not a bug, so a client waits and retries as for any outage. Still a 5xx,
  // so it is logged.
  if (err instanceof TypeError && err.message === 'The database connection is not open') {
    return new ApiError(503, 'unavailable', 'The service cannot reach its data right now. Please try again shortly.');
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 404) return new ApiError(404, 'not_found', 'Not found.');
  if (status === 429) return new ApiError(429, 'rate_limited', 'Too many requests. Please wait a moment and try again.');
  if (status === 503) return new ApiError(503, 'unavailable', 'The service is unavailable. Please try again shortly.');
  if (status >= 400 && status < 500) return new ApiError(status, 'invalid_request', 'The request could not be processed.');
  return new ApiError(500, 'internal', 'Something went wrong on our side. Please try again.');
}

/** Installs the JSON error handler and the JSON 404 handler on an instance (and its children). */
export function installJsonErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const apiError = toApiError(err);
    if (apiError.status === 503 && err instanceof ApiError) {
      // Said on purpose (shutting down, media that cannot be made, an outage being played): the
      // reason is the message, a warning, with no stack. Anything unforeseen stays an error.
      request.log.warn({ code: apiError.code, reason: apiError.message }, 'request refused: unavailable');
    } else if (apiError.status >= 500) {
      request.log.error({ err }, 'request failed');
    }
    if (apiError.status === 401) reply.header('www-authenticate', 'Bearer realm="couchside"');
    if (apiError.retryAfterSeconds !== undefined) reply.header('retry-after', String(apiError.retryAfterSeconds));
    return reply.code(apiError.status).type('application/json; charset=utf-8').send(apiError.body);
  });
  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(errorBody('not_found', `Nothing here: ${request.method} ${request.url.split('?')[0]}`));
  });
}
