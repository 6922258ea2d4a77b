/**
 * The control API's request schemas (tests and demos, /control/*), each declared once with
 * TypeBox: Fastify validates with them (no type coercion) and the handlers' types are inferred
 * from them. The public API's schemas are in shared/api-schemas.ts.
 */
import { Type } from 'typebox';
import { emailSchema, maturitySchema, passwordSchema, pinSchema, text } from '../shared/api-schemas';
import { NETWORK_LIMITS } from './media/network';

/** POST CONTROL.revokeAll */
export const revokeAllBody = Type.Object({ email: emailSchema });

/** POST CONTROL.accounts: an account with its profiles (default: one named from the email, plus Kids). */
export const createAccountBody = Type.Object({
  email: emailSchema,
  password: passwordSchema,
  plan: Type.Optional(text(40)),
  profiles: Type.Optional(
    Type.Array(
      Type.Object({
        name: text(40),
        avatar: Type.Optional(text(40)),
        maturity: Type.Optional(maturitySchema),
        kids: Type.Optional(Type.Boolean()),
        // A profile lock from the start (demos and tests of a shared PC).
        pin: Type.Optional(pinSchema),
      }),
      { minItems: 1, maxItems: 5 },
    ),
  ),
});

/** POST CONTROL.revokeDevice: {deviceId} or {email, deviceName} (the pair is checked in code). */
export const revokeDeviceBody = Type.Object({
  deviceId: Type.Optional(text(100)),
  email: Type.Optional(emailSchema),
  deviceName: Type.Optional(text(100)),
});

/** POST CONTROL.outage */
export const outageBody = Type.Object({
  mode: Type.Enum(['down', 'slow', 'normal'], { type: 'string' }),
  forMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 * 60 * 1000 })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 30_000 })),
});

/** POST CONTROL.rateLimits */
export const rateLimitsBody = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });

/** POST CONTROL.seed */
export const seedBody = Type.Object({ accounts: Type.Array(createAccountBody, { minItems: 1, maxItems: 50 }) });

/** A user code as typed: letters, digits, dashes and spaces (normalized in code). */
const userCodeSchema = text(40);

/** POST CONTROL.approveDeviceCode */
export const approveDeviceCodeBody = Type.Object({ userCode: userCodeSchema, email: emailSchema });

/** POST CONTROL.expireDeviceCode */
export const expireDeviceCodeBody = Type.Object({ userCode: userCodeSchema });

/** POST CONTROL.plan (the name is checked against shared/plans.ts in code, so the 400 says which plans exist). */
export const planBody = Type.Object({ email: emailSchema, plan: text(40) });

/** GET CONTROL.plan */
export const planQuery = Type.Object({ email: emailSchema });

/** POST CONTROL.playbackNetwork (unknown fields are refused in code, so a typo never passes silently). */
export const playbackNetworkBody = Type.Object({
  deviceId: Type.Optional(text(100)),
  bandwidthKbps: Type.Optional(Type.Integer({ minimum: NETWORK_LIMITS.minKbps, maximum: NETWORK_LIMITS.maxKbps })),
  latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: NETWORK_LIMITS.maxLatencyMs })),
  failSegments: Type.Optional(Type.Boolean()),
  forMs: Type.Optional(Type.Integer({ minimum: 1, maximum: NETWORK_LIMITS.maxForMs })),
});

/** The fields POST CONTROL.playbackNetwork knows. */
export const PLAYBACK_NETWORK_FIELDS: readonly string[] = Object.keys(playbackNetworkBody.properties);
