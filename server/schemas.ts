/** JSON schemas for request bodies and querystrings (Fastify validates with them; no type coercion). */

/** Loose but real email shape: something@something.tld, surrounding spaces allowed (trimmed later). */
export const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$';

/** A quick check with the same rule as EMAIL_PATTERN, for the HTML form. */
export function looksLikeEmail(value: string): boolean {
  return new RegExp(EMAIL_PATTERN).test(value);
}

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;

/** The email property. */
export const emailSchema = { type: 'string', minLength: 1, maxLength: 254, pattern: EMAIL_PATTERN } as const;
/** The password property. */
export const passwordSchema = text(1024);

/** POST API.signIn */
export const signInBody = {
  type: 'object',
  required: ['email', 'password', 'device'],
  properties: {
    email: emailSchema,
    password: passwordSchema,
    device: {
      type: 'object',
      required: ['name', 'platform', 'appVersion'],
      properties: { name: text(100), platform: text(40), appVersion: text(40) },
    },
  },
} as const;

/** GET API.home */
export const homeQuery = {
  type: 'object',
  required: ['profileId'],
  properties: { profileId: text(100) },
} as const;

/** POST CONTROL.revokeAll */
export const revokeAllBody = {
  type: 'object',
  required: ['email'],
  properties: { email: emailSchema },
} as const;

/** POST /control/accounts */
export const createAccountBody = {
  type: 'object',
  required: ['email', 'password'],
  properties: {
    email: emailSchema,
    password: passwordSchema,
    plan: text(40),
    profiles: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      items: {
        type: 'object',
        required: ['name'],
        properties: { name: text(40), avatar: text(40), kids: { type: 'boolean' } },
      },
    },
  },
} as const;
