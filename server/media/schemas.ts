/**
 * Request schemas of the playback routes and their control call, declared with TypeBox (the
 * handlers' types are inferred from them); Fastify validates with them, no type coercion.
 */
import { Type, type Static } from 'typebox';
import { NETWORK_LIMITS } from './network';

/** An id in a body (profile, title, device); unknown ids are a 404 in code. */
const id = Type.String({ minLength: 1, maxLength: 100 });

/** POST API.playback */
export const playbackBody = Type.Object({ profileId: id, titleId: id });
export type PlaybackBody = Static<typeof playbackBody>;

/** POST CONTROL.playbackNetwork (unknown fields are refused in code, so a typo never passes silently). */
export const playbackNetworkBody = Type.Object({
  deviceId: Type.Optional(id),
  bandwidthKbps: Type.Optional(Type.Integer({ minimum: NETWORK_LIMITS.minKbps, maximum: NETWORK_LIMITS.maxKbps })),
  latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: NETWORK_LIMITS.maxLatencyMs })),
  failSegments: Type.Optional(Type.Boolean()),
  forMs: Type.Optional(Type.Integer({ minimum: 1, maximum: NETWORK_LIMITS.maxForMs })),
});
export type PlaybackNetworkBody = Static<typeof playbackNetworkBody>;

/** The fields POST CONTROL.playbackNetwork knows. */
export const PLAYBACK_NETWORK_FIELDS: readonly string[] = Object.keys(playbackNetworkBody.properties);
