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
        properties: {
          name: text(40),
          avatar: text(40),
          kids: { type: 'boolean' },
          // A profile lock from the start (demos and tests of a shared PC).
          pin: { type: 'string', pattern: '^[0-9]{4}$' },
        },
      },
    },
  },
} as const;

/** POST API.refresh */
export const refreshBody = {
  type: 'object',
  required: ['refreshToken'],
  properties: { refreshToken: text(256) },
} as const;

/** PATCH API.device(id): the 1-40 character rule is checked after trimming, for a clear message. */
export const renameDeviceBody = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', maxLength: 1000 } },
} as const;

/** POST API.currentProfile */
export const currentProfileBody = {
  type: 'object',
  required: ['profileId'],
  properties: { profileId: text(100) },
} as const;

/** POST API.password: the new password's length rule is checked in code, for a clear message. */
export const changePasswordBody = {
  type: 'object',
  required: ['currentPassword', 'newPassword', 'signOutAllDevices'],
  properties: {
    currentPassword: passwordSchema,
    newPassword: { type: 'string', maxLength: 1024 },
    signOutAllDevices: { type: 'boolean' },
  },
} as const;

/** A profile PIN: exactly 4 ASCII digits. */
export const PIN_PATTERN = '^[0-9]{4}$';

/** PUT API.profilePin(id): pin null removes the lock. */
export const setProfilePinBody = {
  type: 'object',
  required: ['password', 'pin'],
  properties: {
    password: passwordSchema,
    pin: { type: ['string', 'null'], pattern: PIN_PATTERN },
  },
} as const;

/** POST API.profileUnlock(id) */
export const unlockProfileBody = {
  type: 'object',
  required: ['pin'],
  properties: { pin: { type: 'string', pattern: PIN_PATTERN } },
} as const;

/** POST CONTROL.revokeDevice: {deviceId} or {email, deviceName} (the pair is checked in code). */
export const revokeDeviceBody = {
  type: 'object',
  properties: { deviceId: text(100), email: emailSchema, deviceName: text(100) },
} as const;

/** POST CONTROL.outage */
export const outageBody = {
  type: 'object',
  required: ['mode'],
  properties: {
    mode: { type: 'string', enum: ['down', 'slow', 'normal'] },
    forMs: { type: 'integer', minimum: 1, maximum: 10 * 60 * 1000 },
    delayMs: { type: 'integer', minimum: 0, maximum: 30_000 },
  },
} as const;

/** POST CONTROL.rateLimits */
export const rateLimitsBody = {
  type: 'object',
  required: ['enabled'],
  additionalProperties: false,
  properties: { enabled: { type: 'boolean' } },
} as const;

/** POST CONTROL.seed */
export const seedBody = {
  type: 'object',
  required: ['accounts'],
  properties: { accounts: { type: 'array', minItems: 1, maxItems: 50, items: createAccountBody } },
} as const;

/** An id in a path (profile or title); unknown ids are a 404 in code. */
const idParam = text(100);

/** GET API.title(id) */
export const titleParams = {
  type: 'object',
  required: ['titleId'],
  properties: { titleId: idParam },
} as const;

/** GET API.title(id): which profile is asking. */
export const profileQuery = homeQuery;

/**
 * GET API.search: `q` may be missing or blank (no results); its MAX_SEARCH_QUERY limit is checked
 * after trimming, in code, for a clear message (this bound only keeps absurd input out).
 */
export const searchQuery = {
  type: 'object',
  required: ['profileId'],
  properties: { profileId: text(100), q: { type: 'string', maxLength: 1000 } },
} as const;

/** PUT/DELETE API.myList(profileId, titleId) and PUT API.progress(profileId, titleId) */
export const profileTitleParams = {
  type: 'object',
  required: ['profileId', 'titleId'],
  properties: { profileId: idParam, titleId: idParam },
} as const;

/** PUT API.progress(profileId, titleId): finiteness (JSON's 1e999 parses as Infinity) is checked in code. */
export const saveProgressBody = {
  type: 'object',
  required: ['positionSeconds'],
  properties: { positionSeconds: { type: 'number', minimum: 0 } },
} as const;

/** A profile's fields; the name (1..MAX_PROFILE_NAME after trimming) and the avatar key are checked in code, for clear messages. */
const profileProperties = {
  name: { type: 'string', maxLength: 1000 },
  avatar: { type: 'string', maxLength: 40 },
  kids: { type: 'boolean' },
  password: passwordSchema,
} as const;

/**
 * The optional body of a request that may need the account password again (DELETE API.profile(id),
 * DELETE API.device(id), POST API.signOutAll). No body at all is the same as no password.
 */
export const passwordOptionalBody = {
  type: ['object', 'null'],
  properties: { password: passwordSchema },
} as const;

/** POST API.passwordCheck */
export const passwordCheckBody = {
  type: 'object',
  required: ['password'],
  properties: { password: passwordSchema },
} as const;

/** POST API.profiles */
export const createProfileBody = {
  type: 'object',
  required: ['name', 'avatar', 'kids'],
  properties: profileProperties,
} as const;

/** PATCH API.profile(id): any subset of the fields. */
export const updateProfileBody = {
  type: 'object',
  properties: profileProperties,
} as const;

/** POST API.deviceCode */
export const deviceCodeBody = {
  type: 'object',
  required: ['device'],
  properties: { device: signInBody.properties.device },
} as const;

/** POST API.deviceToken */
export const deviceTokenBody = {
  type: 'object',
  required: ['deviceCode'],
  properties: { deviceCode: text(256) },
} as const;

/** A user code as typed: letters, digits, dashes and spaces (normalized in code). */
const userCodeSchema = { type: 'string', minLength: 1, maxLength: 40 } as const;

/** POST CONTROL.approveDeviceCode */
export const approveDeviceCodeBody = {
  type: 'object',
  required: ['userCode', 'email'],
  properties: { userCode: userCodeSchema, email: emailSchema },
} as const;

/** POST CONTROL.expireDeviceCode */
export const expireDeviceCodeBody = {
  type: 'object',
  required: ['userCode'],
  properties: { userCode: userCodeSchema },
} as const;
