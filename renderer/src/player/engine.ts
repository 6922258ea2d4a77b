/**
 * The player's engine behind a small interface: the screen hands it a <video> and a manifest URL
 * and hears back renditions, tracks and errors. The real one (hls.js) is loaded only when a player
 * opens, as its own chunk; component tests pass a fake one (jsdom cannot play HLS).
 */

/** An audio or subtitle track as the engine lists it (its index is the engine's own). */
export interface EngineTrack {
  /** BCP 47 language ("en", "fr"), or "" when the playlist gave none. */
  language: string;
  name: string;
}

/** What went wrong, once the engine's own recovery gave up (or at once for a 401). */
export interface EngineError {
  kind: 'network' | 'media' | 'other';
  /** The HTTP status of the failed request, when there was one. */
  status?: number;
  detail?: string;
}

export interface EngineEvents {
  /** The rendition now playing, e.g. "540p". */
  onRendition: (name: string) => void;
  /** The tracks became known (after the master playlist). */
  onTracks: (tracks: { audio: EngineTrack[]; subtitles: EngineTrack[] }) => void;
  /** A fatal error (after the engine's own retries and one media recovery); playback stopped. */
  onError: (error: EngineError) => void;
  /**
   * The subtitle text due now, a line per cue (empty: none). The screen draws it itself, above
   * the controls while they show (the <video>'s own cue box cannot move clear of them).
   */
  onCues?: (lines: string[]) => void;
}

export interface PlayerEngine {
  /** Subtitle track index, -1 for Off. */
  setSubtitleTrack: (index: number) => void;
  setAudioTrack: (index: number) => void;
  /** Stops loading and lets go of the <video>. */
  destroy: () => void;
}

/**
 * The languages to start with (BCP 47; subtitles null: Off), so the engine picks those tracks
 * from the first playlist on instead of switching (and flushing) once it has started.
 */
export interface EngineLanguages {
  audio: string | null;
  subtitles: string | null;
}

/** Attaches an engine to `video` and starts loading `url` from `startAt` seconds, in `languages` where the title has them. */
export type CreateEngine = (video: HTMLVideoElement, url: string, startAt: number, events: EngineEvents, languages?: EngineLanguages) => Promise<PlayerEngine>;

/** The real engine: hls.js, fetched as a separate chunk the first time a player opens. */
export const createHlsEngine: CreateEngine = async (video, url, startAt, events, languages) => {
  const { attachHls } = await import('./hlsEngine');
  return attachHls(video, url, startAt, events, languages);
};
