/**
 * The catalog API: home rows, title pages, search, My List and watch progress. Every route is
 * for one profile of the caller's account, which must be unlocked by this session when locked;
 * a profile sees and touches only the titles its maturity level allows (anything else is a plain 404).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API, MAX_SEARCH_QUERY, type HomeResponse, type SearchResponse, type TitleResponse } from '../../shared/api';
import { profileQuery, profileTitleParams, saveProgressBody, searchQuery, titleParams } from '../../shared/api-schemas';
import { UNRESTRICTED } from '../../shared/maturity';
import type { Profile, Title } from '../../shared/types';
import { getProfile } from '../accounts';
import { buildHome, continueWatching, findTitle, forgetProgress, listTitles, myList, saveProgress, searchTitles, setInMyList, titleDetails } from '../catalog';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { requireUnlocked } from '../profile-locks';
import { episodesOf, findEpisode } from '../series-data';
import { bearerAuth } from './api';

/**
 * A Fastify route pattern from one of the contract's path builders: called with placeholders
 * that encodeURIComponent leaves alone, which then become `:name` parameters.
 */
function routeOf<N extends string>(build: (...ids: string[]) => string, ...names: N[]): string {
  let path = build(...names.map((_, i) => `__param${i}__`));
  names.forEach((name, i) => (path = path.replace(`__param${i}__`, `:${name}`)));
  return path;
}

const TITLE_ROUTE = routeOf(API.title, 'titleId');
const MY_LIST_ROUTE = routeOf(API.myList, 'profileId', 'titleId');
const PROGRESS_ROUTE = routeOf(API.progress, 'profileId', 'titleId');

/** The user-facing words of this API's refusals. */
export const CATALOG_MESSAGES = {
  noProfile: 'That profile was not found on this account.',
  noTitle: 'That title was not found.',
  /** Also what a restricted profile hears for a title that exists but is rated above its level: no hint either way. */
  notOnProfile: 'That title is not available on this profile.',
  queryTooLong: `Search for at most ${MAX_SEARCH_QUERY} characters.`,
  badPosition: 'The position must be a number of seconds, 0 or more.',
  episodeMissing: 'Say which episode of the series the position is in.',
  noEpisode: 'That episode was not found in this series.',
  notASeries: 'That title has no episodes.',
} as const;

/** What a profile hears for a title it cannot have: a restricted one is not told whether the title exists. */
export function notFoundMessage(profile: Pick<Profile, 'maturity'>): string {
  return profile.maturity === UNRESTRICTED ? CATALOG_MESSAGES.noTitle : CATALOG_MESSAGES.notOnProfile;
}

/** Registers the catalog routes. */
export function registerCatalogRoutes(instance: FastifyInstance, ctx: ServerContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const { auth, authed } = bearerAuth(ctx);

  /** The caller's profile, checked: on this account (404), and unlocked by this session if locked (403). */
  /** The account's other devices hear that this profile's rows changed (not the one that changed them). */
  const tellOthers = (request: FastifyRequest, profileId: string) => {
    const session = auth(request);
    ctx.hub.libraryChanged(session.accountId, profileId, session.id);
  };

  const profileFor = (request: FastifyRequest, profileId: string): Profile => {
    const session = auth(request);
    const profile = getProfile(db, session.accountId, profileId);
    if (!profile) throw new ApiError(404, 'not_found', CATALOG_MESSAGES.noProfile);
    requireUnlocked(db, session, profile.id);
    return profile;
  };

  /** A title this profile may see; 404 when it does not exist or is rated above the profile's level. */
  const titleFor = (profile: Profile, titleId: string): Title => {
    const title = findTitle(db, titleId, profile.maturity);
    if (!title) throw new ApiError(404, 'not_found', notFoundMessage(profile));
    return title;
  };

  app.get(API.home, { ...authed, schema: { querystring: profileQuery } }, async (request): Promise<HomeResponse> => {
    const profile = profileFor(request, request.query.profileId);
    const home = buildHome(listTitles(db, profile.maturity), profile, { continueWatching: continueWatching(db, profile), myList: myList(db, profile) });
    if (!home) throw new ApiError(503, 'unavailable', 'The catalog is not available right now.');
    return home;
  });

  app.get(
    TITLE_ROUTE,
    { ...authed, schema: { params: titleParams, querystring: profileQuery } },
    async (request): Promise<TitleResponse> => {
      const profile = profileFor(request, request.query.profileId);
      return { title: titleDetails(db, profile.id, titleFor(profile, request.params.titleId)) };
    },
  );

  app.get(
    API.search,
    { ...authed, schema: { querystring: searchQuery } },
    async (request): Promise<SearchResponse> => {
      const profile = profileFor(request, request.query.profileId);
      const q = (request.query.q ?? '').trim();
      if (q.length > MAX_SEARCH_QUERY) throw new ApiError(400, 'invalid_request', CATALOG_MESSAGES.queryTooLong).about('q');
      return { results: q ? searchTitles(listTitles(db, profile.maturity), q) : [] };
    },
  );

  for (const inList of [true, false]) {
    app.route({
      method: inList ? 'PUT' : 'DELETE',
      url: MY_LIST_ROUTE,
      ...authed,
      schema: { params: profileTitleParams },
      handler: async (request, reply) => {
        const profile = profileFor(request, request.params.profileId);
        setInMyList(db, profile.id, titleFor(profile, request.params.titleId).id, inList);
        tellOthers(request, profile.id);
        return reply.code(204).send();
      },
    });
  }

  app.put(
    PROGRESS_ROUTE,
    { ...authed, schema: { params: profileTitleParams, body: saveProgressBody } },
    async (request, reply) => {
      const profile = profileFor(request, request.params.profileId);
      const title = titleFor(profile, request.params.titleId);
      const { positionSeconds, episodeId } = request.body;
      if (!Number.isFinite(positionSeconds)) throw new ApiError(400, 'invalid_request', CATALOG_MESSAGES.badPosition).about('positionSeconds');
      // A series is saved per episode: it must say which; a film has none.
      const series = episodesOf(title.id) !== undefined;
      if (series && episodeId === undefined) throw new ApiError(400, 'invalid_request', CATALOG_MESSAGES.episodeMissing).about('episodeId');
      const episode = episodeId === undefined ? undefined : findEpisode(title.id, episodeId);
      if (episodeId !== undefined && !episode) throw new ApiError(404, 'not_found', series ? CATALOG_MESSAGES.noEpisode : CATALOG_MESSAGES.notASeries).about('episodeId');
      saveProgress(db, profile.id, title, positionSeconds, episode);
      tellOthers(request, profile.id);
      return reply.code(204).send();
    },
  );

  // "Remove from Continue Watching": the title's progress goes (Play starts from the beginning).
  app.delete(PROGRESS_ROUTE, { ...authed, schema: { params: profileTitleParams } }, async (request, reply) => {
    const profile = profileFor(request, request.params.profileId);
    forgetProgress(db, profile.id, titleFor(profile, request.params.titleId).id);
    tellOthers(request, profile.id);
    return reply.code(204).send();
  });
}
