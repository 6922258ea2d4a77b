/**
 * The hls.js engine (its own chunk: only `import()`ed by engine.ts). No worker: the CSP has no
 * `worker-src blob:`. Playlists and segments are on the page's own origin, so requests carry the
 * web host's cookie (or Electron's app:// privilege) and nothing else.
 */
import Hls, { ErrorTypes, Events, type ErrorData, type Level } from 'hls.js';
import type { EngineEvents, EngineLanguages, PlayerEngine } from './engine';

const renditionName = (level: Level | undefined): string =>
  level ? level.name || (level.height ? `${level.height}p` : `${Math.round(level.bitrate / 1000)} kb/s`) : '';

/** Attaches hls.js to `video` and loads `url` (root-relative, resolved against the page). */
export function attachHls(video: HTMLVideoElement, url: string, startAt: number, events: EngineEvents, languages?: EngineLanguages): PlayerEngine {
  const hls = new Hls({
    enableWorker: false,
    startPosition: startAt > 0 ? startAt : -1,
    // hls.js picks these when the tracks arrive: setting a track in its tracks-updated event is
    // undone by its own choice right after, and switching audio before it loads flushes the buffer.
    audioPreference: languages?.audio ? { lang: languages.audio } : undefined,
    subtitlePreference: languages?.subtitles ? { lang: languages.subtitles } : undefined,
  });
  let recovered = false;
  let stopped = false;
  const fail = (e: Parameters<EngineEvents['onError']>[0]) => {
    if (stopped) return;
    stopped = true;
    hls.stopLoad();
    events.onError(e);
  };
  // The lists fill in as hls.js learns them (audio per rendition's group): report each update,
  // once hls.js has made its own choice for it (it makes it right after the event, and a track
  // set from inside the event would be undone, or start a switch that flushes the buffer).
  const tracks = () =>
    queueMicrotask(() => {
      if (stopped) return;
      events.onTracks({
        audio: hls.audioTracks.map((t) => ({ language: t.lang ?? '', name: t.name })),
        subtitles: hls.subtitleTracks.map((t) => ({ language: t.lang ?? '', name: t.name })),
      });
    });
  hls.on(Events.AUDIO_TRACKS_UPDATED, tracks);
  hls.on(Events.SUBTITLE_TRACKS_UPDATED, tracks);
  hls.on(Events.LEVEL_SWITCHED, (_e, data) => events.onRendition(renditionName(hls.levels[data.level])));
  hls.on(Events.ERROR, (_e, data: ErrorData) => {
    const status = data.response?.code;
    // The session is over (the host already signs out), another device stopped this playback
    // (410), or a long pause lost this TV its screen (409): stop now, whatever hls.js would try next.
    if (status === 401 || status === 409 || status === 410) return fail({ kind: 'network', status });
    if (!data.fatal) return;
    if (data.type === ErrorTypes.MEDIA_ERROR && !recovered) {
      recovered = true;
      hls.recoverMediaError();
      return;
    }
    // hls.js has already retried the request (network errors are fatal only after its retries).
    fail({
      kind: data.type === ErrorTypes.NETWORK_ERROR ? 'network' : data.type === ErrorTypes.MEDIA_ERROR ? 'media' : 'other',
      status: status || undefined,
      detail: data.details,
    });
  });
  // Subtitles: hls.js fills the chosen track's cues with its display off (the track "hidden"),
  // and the screen draws the cues due now.
  hls.subtitleDisplay = false;
  const cues = () => {
    if (stopped || !events.onCues) return;
    const lines = Array.from(video.textTracks)
      .filter((t) => t.mode !== 'disabled' && (t.kind === 'subtitles' || t.kind === 'captions'))
      .flatMap((t) => Array.from(t.activeCues ?? []))
      .map((c) => (c instanceof VTTCue ? (c.getCueAsHTML().textContent ?? '') : ''))
      .filter((text) => text.trim() !== '');
    events.onCues(lines);
  };
  const watch = (track: TextTrack) => track.addEventListener('cuechange', cues);
  const onAddTrack = (e: TrackEvent) => {
    if (e.track instanceof TextTrack) watch(e.track);
  };
  Array.from(video.textTracks).forEach(watch);
  video.textTracks.addEventListener('addtrack', onAddTrack);
  hls.attachMedia(video);
  hls.loadSource(new URL(url, location.href).href);
  return {
    // Only a change: hls.js starts a switch (and reloads, or flushes audio) even for the track in use.
    setSubtitleTrack: (i) => {
      if (hls.subtitleTrack !== i) hls.subtitleTrack = i;
      cues();
    },
    setAudioTrack: (i) => {
      if (i >= 0 && hls.audioTrack !== i) hls.audioTrack = i;
    },
    destroy: () => {
      stopped = true;
      video.textTracks.removeEventListener('addtrack', onAddTrack);
      for (const t of Array.from(video.textTracks)) t.removeEventListener('cuechange', cues);
      hls.destroy();
    },
  };
}
