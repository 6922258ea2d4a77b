/** Words and numbers for the title page and the mock player, plus "what plays next". */
import type { CouchsideBridge } from '../../shared/bridge';
import type { Title, WatchProgress } from '../../shared/types';

/** "1 season" / "3 seasons": what a series shows where a film shows its runtime. */
export function formatSeasons(count: number): string {
  return count === 1 ? '1 season' : `${count} seasons`;
}

/** "1 h 52 min" / "45 min" (the title page's runtime). */
export function formatRuntimeLong(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A clock reading: "0:07", "12:34", "1:52:00" (hours only when there are any). */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "23 min left" under "Resume" (rounded up, so a few seconds left still reads "1 min left"). */
export function timeLeftLabel(progress: WatchProgress): string {
  const left = Math.max(0, progress.durationSeconds - progress.positionSeconds);
  const min = Math.ceil(left / 60);
  if (min >= 60) {
    const h = Math.floor(min / 60);
    const m = min % 60;
    return m === 0 ? `${h} h left` : `${h} h ${m} min left`;
  }
  return `${Math.max(1, min)} min left`;
}

/** A title's length in seconds (the mock player plays exactly this long). */
export function durationOf(title: Pick<Title, 'runtimeMinutes'>): number {
  return Math.max(1, Math.round(title.runtimeMinutes * 60));
}

/**
 * The title that autoplay starts after `titleId`: the next one in the list it was opened from
 * (search results), else the next one in the first home row that holds it (Continue Watching
 * last, since it reorders itself), else any other title on Home. Null when there is none.
 */
export async function findNextTitle(
  bridge: CouchsideBridge,
  profileId: string,
  titleId: string,
  list?: readonly Title[],
): Promise<Title | null> {
  const after = (items: readonly Title[]) => {
    const at = items.findIndex((t) => t.id === titleId);
    return at >= 0 ? (items.slice(at + 1).find((t) => t.id !== titleId) ?? null) : null;
  };
  if (list) {
    const next = after(list);
    if (next) return next;
  }
  const home = await bridge.getHome(profileId);
  if (!home.ok) return list?.find((t) => t.id !== titleId) ?? null;
  const rows = [...home.value.rows].sort(
    (a, b) => Number(a.kind === 'continue-watching') - Number(b.kind === 'continue-watching'),
  );
  for (const row of rows) {
    const next = after(row.items);
    if (next) return next;
  }
  const all = [home.value.hero, ...rows.flatMap((r) => r.items)];
  return all.find((t) => t.id !== titleId) ?? null;
}

/**
 * How fast the player plays: 1 normally. A page URL with `?playbackRate=N` (0 < N
 * <= 1000) asks for N times faster; the player's video plays at most 16x.
 */
export function playbackRateFromLocation(search: string = typeof location === 'undefined' ? '' : location.search): number {
  const raw = new URLSearchParams(search).get('playbackRate');
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 && n <= 1000 ? n : 1;
}
