/** Profiles management over the device API: add (POST API.profiles), change (PATCH) and delete (DELETE API.profile(id)). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { API, type ProfileResponse } from '../../shared/api';
import { createProfileBody, idParams, passwordOptionalBody, updateProfileBody } from '../../shared/api-schemas';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { createProfile, deleteProfile, PROFILE_MESSAGES, updateProfile } from '../profiles';
import { bearerAuth } from './api';

/** The route pattern of API.profile(id), derived from the contract's collection path. */
const PROFILE_ROUTE = `${API.profiles}/:id`;

/** Schema failures of a profile body, in the words of "Manage profiles" (not the generic ones). */
export function profileSchemaError(errors: FastifySchemaValidationError[]): ApiError {
  const first = errors[0];
  const field = first?.keyword === 'required' ? (first.params as { missingProperty?: string }).missingProperty : first?.instancePath.split('/')[1];
  const bad = (message: string, about?: string) => new ApiError(400, 'invalid_request', message).about(about);
  switch (field) {
    case 'name':
      return bad(first?.keyword === 'maxLength' ? PROFILE_MESSAGES.nameTooLong : PROFILE_MESSAGES.nameMissing, field);
    case 'avatar':
      return bad(PROFILE_MESSAGES.avatar, field);
    case 'maturity':
      return bad(PROFILE_MESSAGES.maturity, field);
    case 'kids':
      return bad('Say whether this is a Kids profile (true or false).', field);
    case 'password':
      return bad('Enter the account password.', field);
    case 'audioLanguage':
      return bad(PROFILE_MESSAGES.audioLanguage, field);
    case 'subtitleLanguage':
      return bad(PROFILE_MESSAGES.subtitleLanguage, field);
    default:
      return bad('The request body must be a JSON object with the profile’s name, avatar and maturity rating.');
  }
}

/** Registers the profile add / change / delete routes (listing is in api.ts). */
export function registerProfileRoutes(instance: FastifyInstance, ctx: ServerContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const { auth, authed } = bearerAuth(ctx);

  app.post(
    API.profiles,
    { ...authed, schema: { body: createProfileBody }, schemaErrorFormatter: profileSchemaError },
    async (request, reply) => {
      const session = auth(request);
      const { password, ...profile } = request.body;
      const body: ProfileResponse = { profile: await createProfile(db, session, profile, password) };
      return reply.code(201).send(body);
    },
  );

  app.patch(
    PROFILE_ROUTE,
    { ...authed, schema: { params: idParams, body: updateProfileBody }, schemaErrorFormatter: profileSchemaError },
    async (request): Promise<ProfileResponse> => {
      const session = auth(request);
      const { password, ...changes } = request.body;
      return { profile: await updateProfile(db, session, request.params.id, changes, password) };
    },
  );

  app.delete(PROFILE_ROUTE, { ...authed, schema: { params: idParams, body: passwordOptionalBody } }, async (request, reply) => {
    const session = auth(request);
    await deleteProfile(db, session, request.params.id, request.body?.password);
    return reply.code(204).send();
  });
}
