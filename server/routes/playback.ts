/**
 * Streaming: a device asks for a playback session (POST API.playback, bearer auth, the profile's
 * rules), and gets a manifest URL carrying a playback token; every playlist, init segment, media
 * segment and subtitle file under it checks that token and the live session behind it.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { API, type PlaybackResponse } from '../../shared/api';
import { mediaParams, playbackBody, playbackStreamParams } from '../../shared/api-schemas';
import { getProfile } from '../accounts';
import { findTitle, nextUpEpisode } from '../catalog';
import { episodesOf, findEpisode } from '../series-data';
import type { ServerContext } from '../context';
import { ApiError, errorBody } from '../errors';
import { MediaUnavailableError, type TitleMedia } from '../media/library';
import { authorisePlayback, PLAYBACK_MESSAGES, PLAYBACK_TTL_MARGIN_MS } from '../media/playback';
import { audioTracksOf, masterPlaylist, mediaPlaylist, renditionsOf, SUBTITLE_TRACKS, timelineFor, webvttSegment, type Timeline } from '../media/timeline';
import { endStream, startStream } from '../playback-streams';
import { requireUnlocked } from '../profile-locks';
import { allowsRating, UNRESTRICTED } from '../../shared/maturity';
import { episodeCode, type Episode, type Title } from '../../shared/types';
import { bearerAuth } from './api';
import { CATALOG_MESSAGES, notFoundMessage } from './catalog';

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type MediaParams = Static<typeof mediaParams>;

/** A segment number in a file name ("12.m4s"), or undefined. */
function segmentNumber(file: string, ext: string): number | undefined {
  const match = new RegExp(`^(0|[1-9][0-9]{0,6})\\.${ext}$`).exec(file);
  return match ? Number(match[1]) : undefined;
}

/** Registers POST API.playback and the media routes under API.media. */
export function registerPlaybackRoutes(instance: FastifyInstance, ctx: ServerContext): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, playback } = ctx;
  const { library } = playback;
  const { auth, authed } = bearerAuth(ctx);

  /** What the library gives, or 503 saying why it cannot (no ffmpeg, an encoder failure, a damaged file). */
  const served = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (err) {
      if (err instanceof MediaUnavailableError) throw new ApiError(503, 'unavailable', err.message);
      throw err;
    }
  };
  const mediaOf = (title: Title): Promise<TitleMedia> => served(library.ready(title));

  /** The stream's timeline: the title's runtime, or a series' episode's (the series' one encode serves every episode). */
  const timelineOf = (title: Title, episode?: Episode): Timeline => timelineFor((episode ?? title).runtimeMinutes, library.settings.segmentSeconds);

  app.post(API.playback, { ...authed, schema: { body: playbackBody } }, async (request): Promise<PlaybackResponse> => {
    const session = auth(request);
    const { profileId, titleId, episodeId } = request.body;
    const profile = getProfile(db, session.accountId, profileId);
    if (!profile) throw new ApiError(404, 'not_found', CATALOG_MESSAGES.noProfile).about('profileId');
    requireUnlocked(db, session, profile.id);
    // A title rated above the profile's level: the same as one that does not exist (the catalog's rule).
    const title = findTitle(db, titleId, profile.maturity);
    if (!title) throw new ApiError(404, 'not_found', notFoundMessage(profile)).about('titleId');
    // A series plays one episode: the one named, else the profile's next up. A film has none.
    let episode: Episode | undefined;
    if (episodeId !== undefined) {
      episode = findEpisode(title.id, episodeId);
      if (!episode) throw new ApiError(404, 'not_found', episodesOf(title.id) ? CATALOG_MESSAGES.noEpisode : CATALOG_MESSAGES.notASeries).about('episodeId');
    } else {
      episode = nextUpEpisode(db, profile.id, title.id);
    }
    const media = await mediaOf(title);
    // The first play of a title waits for its encode: the session may have ended meanwhile.
    auth(request);
    const timeline = timelineOf(title, episode);
    // The plan's screen limit (409 too_many_streams naming the devices); replaces this device's own stream.
    const streamId = startStream(db, session, profile.id, title.id, playback.now());
    const expiresAt = playback.now() + (playback.ttlMs ?? timeline.durationSeconds * 1000 + PLAYBACK_TTL_MARGIN_MS);
    const token = playback.tokens.issue({ sessionId: session.id, streamId, profileId: profile.id, titleId: title.id, episodeId: episode?.id, expiresAt });
    return {
      streamId,
      manifestUrl: `${request.protocol}://${request.host}${API.media}/${encodeURIComponent(title.id)}/${token}/master.m3u8`,
      expiresAt: new Date(expiresAt).toISOString(),
      durationSeconds: timeline.durationSeconds,
      segmentSeconds: timeline.segmentSeconds,
      renditions: renditionsOf(media.index).map(({ name, width, height, bandwidth }) => ({ name, width, height, bandwidth })),
      audio: audioTracksOf(media.index),
      subtitles: [...SUBTITLE_TRACKS],
      episodeId: episode?.id ?? null,
      languages: { audio: profile.audioLanguage, subtitles: profile.subtitleLanguage },
    };
  });

  // A stream ends: this device's player closed, or "Stop playback on …" for another device of the account.
  app.delete(`${API.playback}/:streamId`, { ...authed, schema: { params: playbackStreamParams } }, async (request, reply) => {
    const session = auth(request);
    endStream(db, session, request.params.streamId, playback.now());
    return reply.code(204).send();
  });

  const notFound = () => new ApiError(404, 'not_found', 'No such media file.');

  /** Checks the token (401), finds the title and its media (404, 503). */
  const open = async (params: MediaParams) => {
    const { session, claims } = authorisePlayback(db, playback, params.titleId, params.token);
    const title = findTitle(db, params.titleId, UNRESTRICTED);
    if (!title) throw notFound();
    // The profile still exists and may still see the title (its level may have been lowered since).
    const profile = getProfile(db, session.accountId, claims.profileId);
    if (!profile || !allowsRating(profile.maturity, title.rating)) throw new ApiError(401, 'unauthorized', PLAYBACK_MESSAGES.notAuthorised);
    // A series' token names its episode (signed: the timeline cannot be swapped for another's).
    const episode = claims.episodeId !== undefined ? findEpisode(title.id, claims.episodeId) : undefined;
    if (claims.episodeId !== undefined && !episode) throw notFound();
    return { session, title, episode, media: await mediaOf(title), timeline: timelineOf(title, episode) };
  };

  const prefix = `${API.media}/:titleId/:token`;

  const schema = { params: mediaParams };

  app.get(`${prefix}/master.m3u8`, { schema }, async (request, reply) => {
    const { media } = await open(request.params);
    return reply.type(PLAYLIST_TYPE).send(masterPlaylist(media.index));
  });

  // Media playlists: video/<rendition>.m3u8, audio/<language>.m3u8, subs/<language>.m3u8.
  app.get(`${prefix}/:kind/:file`, { schema }, async (request, reply) => {
    const { media, timeline } = await open(request.params);
    const { kind, file = '' } = request.params;
    const id = file.endsWith('.m3u8') ? file.slice(0, -'.m3u8'.length) : '';
    const known =
      kind === 'video' ? media.index.video.some((v) => v.id === id) : kind === 'audio' ? media.index.audio.some((a) => a.id === id) : kind === 'subs' && SUBTITLE_TRACKS.some((s) => s.language === id);
    if (!known) throw notFound();
    return reply.type(PLAYLIST_TYPE).send(mediaPlaylist(timeline, id, kind === 'subs' ? 'vtt' : 'm4s'));
  });

  // Init segments (init.mp4), media segments (<k>.m4s) and subtitle segments (<k>.vtt).
  app.get(`${prefix}/:kind/:track/:file`, { schema }, async (request, reply) => {
    const { session, title, episode, media, timeline } = await open(request.params);
    const { kind, track: id, file = '' } = request.params;

    if (kind === 'subs') {
      const k = segmentNumber(file, 'vtt');
      if (k === undefined || k >= timeline.segments || !SUBTITLE_TRACKS.some((s) => s.language === id)) throw notFound();
      return reply.type('text/vtt; charset=utf-8').send(webvttSegment(episode ? `${title.title} ${episodeCode(episode)}` : title.title, id!, k, timeline.segmentSeconds));
    }
    if (kind !== 'video' && kind !== 'audio') throw notFound();
    const track = (kind === 'video' ? media.index.video : media.index.audio).find((t) => t.id === id);
    if (!track) throw notFound();
    const type = kind === 'video' ? 'video/mp4' : 'audio/mp4';
    if (file === 'init.mp4') return reply.type(type).send(await served(library.init(media, kind, track.id)));
    const k = segmentNumber(file, 'm4s');
    if (k === undefined || k >= timeline.segments) throw notFound();

    // The tester's network (control API) applies to media segments.
    const condition = playback.network.for(session.deviceId);
    if (condition?.failSegments) {
      // Answered, not thrown: a played failure is not a service fault to log.
      return reply.code(503).header('retry-after', '1').type('application/json; charset=utf-8').send(errorBody('unavailable', PLAYBACK_MESSAGES.failing));
    }
    if (condition && condition.latencyMs > 0) await sleep(condition.latencyMs);
    const body = await served(library.segment(media, track, kind, k));
    reply.type(type);
    if (condition?.bandwidthKbps) return reply.header('content-length', body.length).send(playback.network.paced(session.deviceId, body));
    return reply.send(body);
  });
}
