/**
 * A series on its title page: the season picker (a radio group: Left/Right move, OK picks) and
 * the chosen season's episodes, each a button ("3. Name", runtime and synopsis) with a bar of how
 * much of it this profile watched. OK on an episode plays it (from where it was left, if it was).
 */
import { useId } from 'react';
import { episodeCode, type EpisodeDetails, type Season } from '../../../shared/types';
import { formatRuntimeLong } from '../playback';
import { FocusButton, FocusGroup } from '../spatial';

export interface EpisodesProps {
  seasons: Season[];
  /** The season shown. */
  season: number;
  onSeason: (season: number) => void;
  onPlayEpisode: (episode: EpisodeDetails) => void;
}

export function Episodes({ seasons, season, onSeason, onPlayEpisode }: EpisodesProps) {
  const shown = seasons.find((s) => s.number === season) ?? seasons[0];
  const listLabel = useId();
  return (
    <section className="episodes" aria-label="Episodes">
      {seasons.length > 1 ? (
        <FocusGroup focusKey="title-seasons" className="episodes__seasons" role="radiogroup" aria-label="Seasons">
          {seasons.map((s) => (
            <FocusButton
              key={s.number}
              focusKey={`title-season-${s.number}`}
              role="radio"
              aria-checked={s.number === shown?.number}
              className={`btn episodes__season${s.number === shown?.number ? ' is-chosen' : ''}`}
              onClick={() => onSeason(s.number)}
            >
              Season {s.number}
            </FocusButton>
          ))}
        </FocusGroup>
      ) : (
        <h2 className="episodes__heading">Season 1</h2>
      )}
      <p id={listLabel} className="sr-only">
        Season {shown?.number} episodes
      </p>
      <FocusGroup focusKey="title-episodes" as="ol" className="episodes__list" aria-labelledby={listLabel}>
        {(shown?.episodes ?? []).map((e) => (
          <EpisodeItem key={e.id} episode={e} onPlay={() => onPlayEpisode(e)} />
        ))}
      </FocusGroup>
    </section>
  );
}

/** How much of an episode is watched, 0-100 (a watched one with no new progress is 100). */
export function watchedPercent(e: EpisodeDetails): number {
  if (e.progress) return Math.min(100, Math.round((100 * e.progress.positionSeconds) / Math.max(1, e.progress.durationSeconds)));
  return e.watched ? 100 : 0;
}

function EpisodeItem({ episode: e, onPlay }: { episode: EpisodeDetails; onPlay: () => void }) {
  const nameId = useId();
  const aboutId = useId();
  const percent = watchedPercent(e);
  const started = e.progress !== null || e.watched;
  return (
    <li className="episode">
      <FocusButton
        focusKey={`title-episode-${e.id}`}
        className="btn episode__btn"
        aria-labelledby={nameId}
        aria-describedby={aboutId}
        data-episode={episodeCode(e)}
        onClick={onPlay}
      >
        <span id={nameId} className="episode__name">
          {e.number}. {e.title}
        </span>
        <span id={aboutId} className="episode__about">
          <span className="episode__runtime">{formatRuntimeLong(e.runtimeMinutes)}</span>
          <span className="episode__synopsis">{e.synopsis}</span>
        </span>
      </FocusButton>
      {started ? (
        <div
          className="episode__track"
          role="progressbar"
          aria-label={`${e.number}. ${e.title} watched`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={e.progress ? `${percent}% watched` : 'Watched'}
        >
          <div className="episode__fill" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
    </li>
  );
}
