/**
 * Browse and play, as a TV does it: the client core's ApiClient against a real service on
 * loopback (SQLite in memory), one request at a time like one person with a remote. Measures
 * what a viewer waits for: Home with Continue Watching and My List filled in, a title page,
 * search as you type (every prefix of a few queries, each one request like the debounced
 * screen sends), and the player's progress save. Then sign in with a code: from the approval on
 * the account page to the TV holding its tokens, which the polling interval bounds.
 */
import type { Profile } from '../shared/types';
import { ApiClient } from '../electron/core/api-client';
import { startTestService, type TestService } from '../tests/kit/harness';
import { DEMO_ACCOUNT } from '../server/seed';
import { now } from './lib/clock';
import { summarize, type LatencySummary } from './lib/stats';

export interface BrowseResult {
  /** Per operation: latency summary in ms. */
  operations: Record<string, LatencySummary>;
  /** Approval on the service -> the polling TV gets its tokens (ms), at the given poll interval. */
  codeSignIn: { intervalSeconds: number; runs: number[]; medianMs: number };
}

const DEVICE = { name: 'Bench TV', platform: 'linux', appVersion: 'bench' };
const QUERIES = ['glass harbor', 'captain', 'the orchard', 'robo pals', 'night'];

async function timed<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = now();
  const out = await fn();
  samples.push(now() - t0);
  return out;
}

/** Runs `rounds` of a browsing session; returns every operation's latencies. */
async function browse(service: TestService, rounds: number): Promise<Record<string, LatencySummary>> {
  const api = new ApiClient({ baseUrl: service.url });
  const session = await api.signIn(DEMO_ACCOUNT.email, DEMO_ACCOUNT.password, DEVICE);
  const token = session.accessToken;
  const profiles: Profile[] = (await api.profiles(token)).profiles;
  const adult = profiles.find((p) => p.maturity === 'all')!;
  const home0 = await api.home(token, adult.id);
  const titles = home0.rows.flatMap((r) => r.items);
  // A series' position is in one of its episodes (the service refuses one without): the first.
  const firstEpisode = new Map<string, string>();
  for (const t of titles) {
    if (t.seasonCount === undefined || firstEpisode.has(t.id)) continue;
    const episode = (await api.title(token, adult.id, t.id)).title.seasons?.[0]?.episodes[0];
    if (!episode) throw new Error(`the series ${t.id} lists no episode`);
    firstEpisode.set(t.id, episode.id);
  }
  const saveProgress = (titleId: string, seconds: number) => api.saveProgress(token, adult.id, titleId, seconds, firstEpisode.get(titleId));
  // A lived-in profile: a few titles started, a few in My List.
  for (const t of titles.slice(0, 6)) await saveProgress(t.id, 600);
  for (const t of titles.slice(6, 12)) await api.setInMyList(token, adult.id, t.id, true);

  const s: Record<string, number[]> = { home: [], title: [], search: [], saveProgress: [], myList: [] };
  for (let r = 0; r < rounds; r++) {
    await timed(s.home!, () => api.home(token, adult.id));
    const t = titles[r % titles.length]!;
    await timed(s.title!, () => api.title(token, adult.id, t.id));
    for (const q of QUERIES) {
      for (let i = 1; i <= q.length; i++) await timed(s.search!, () => api.search(token, adult.id, q.slice(0, i)));
    }
    await timed(s.saveProgress!, () => saveProgress(t.id, 60 + r));
    await timed(s.myList!, () => api.setInMyList(token, adult.id, t.id, r % 2 === 0));
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, summarize(v)]));
}

/** Approves a code and times until the polling client (at the service's interval) holds tokens. */
async function codeSignIn(service: TestService, intervalSeconds: number): Promise<number> {
  const api = new ApiClient({ baseUrl: service.url });
  const code = await api.deviceCode(DEVICE);
  let approvedAt = 0;
  // The approval lands at a random moment of the polling cycle, as a person's would.
  const approve = (async () => {
    await new Promise((r) => setTimeout(r, Math.random() * intervalSeconds * 1000));
    approvedAt = now();
    await service.control.approveDeviceCode(code.userCode, DEMO_ACCOUNT.email);
  })();
  for (;;) {
    await new Promise((r) => setTimeout(r, code.interval * 1000));
    try {
      await api.deviceToken(code.deviceCode);
      await approve;
      return now() - approvedAt;
    } catch (err) {
      const c = (err as { code?: string }).code;
      if (c !== 'authorization_pending') throw err;
    }
  }
}

export async function runBrowse(opts: { rounds: number; codeRuns: number; log: (line: string) => void }): Promise<BrowseResult> {
  const intervalSeconds = 1;
  const service = await startTestService({ deviceCodeIntervalSeconds: intervalSeconds });
  try {
    opts.log(`  ${opts.rounds} browsing rounds (home, a title page, search as you type over ${QUERIES.length} queries, progress save, My List)`);
    const operations = await browse(service, opts.rounds);
    const runs: number[] = [];
    for (let i = 0; i < opts.codeRuns; i++) runs.push(await codeSignIn(service, intervalSeconds));
    const sorted = [...runs].sort((a, b) => a - b);
    return { operations, codeSignIn: { intervalSeconds, runs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN } };
  } finally {
    await service.stop();
  }
}
