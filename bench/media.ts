/**
 * `npx tsx bench/media.ts`: the streaming figures on loopback. How long the service takes to make
 * a title's media (ffmpeg, default ladder, fresh cache), how long from Play (POST /v1/playback)
 * to the first video and audio segment bytes (media already made, and a title's first play),
 * and segment throughput for one device and for four at once.
 *
 *   npx tsx bench/media.ts [--titles 3] [--segments 200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { API, type PlaybackResponse, type ProfilesResponse, type SignInResponse } from '../shared/api';
import { CATALOG } from '../server/catalog-data';
import { MediaLibrary } from '../server/media/library';
import { DEMO_ACCOUNT } from '../server/seed';
import { startService } from '../server/service';
import { median, round, summarize } from './lib/stats';
import { apiCaller } from './lib/api';

const { values } = parseArgs({ options: { titles: { type: 'string', default: '3' }, segments: { type: 'string', default: '200' } } });
const TITLES = Math.max(1, Number(values.titles));
const SEGMENTS = Math.max(10, Number(values.segments));

const ms = (start: number) => performance.now() - start;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'couchside-media-bench-'));
  try {
    process.stdout.write(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

    // 1. Making a title's media (the default ladder: 32 s loop, 240p/360p/540p, two audio tracks).
    const library = new MediaLibrary({ dir });
    const encodes: number[] = [];
    for (const title of CATALOG.slice(0, TITLES)) {
      const start = performance.now();
      await library.ready(title);
      encodes.push(ms(start));
    }
    process.stdout.write(`make a title's media: ${encodes.map((e) => `${round(e / 1000, 2)} s`).join(', ')} (median ${round(median(encodes) / 1000, 2)} s)\n`);

    // 2. Play to first segment, on loopback, through the HTTP API.
    const service = await startService({ dataDir: null, media: { dir } });
    try {
      const call = apiCaller(service.url);
      const bytes = async (url: string) => {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        return (await res.arrayBuffer()).byteLength;
      };
      const device = async (name: string) => {
        const session = await call<SignInResponse>(API.signIn, { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, device: { name, platform: 'bench', appVersion: '0' } });
        const { profiles } = await call<ProfilesResponse>(API.profiles, undefined, session.accessToken);
        return { token: session.accessToken, profileId: profiles.find((p) => p.maturity === 'all')!.id };
      };
      const tv = await device('Bench TV');

      /** POST playback, master, the first variant's playlist, then init + segment 0 of its video and of the default audio. */
      const play = async (titleId: string) => {
        const start = performance.now();
        const { manifestUrl, streamId } = await call<PlaybackResponse>(API.playback, { profileId: tv.profileId, titleId }, tv.token);
        const master = await (await fetch(manifestUrl)).text();
        const variant = master.split('\n').find((l) => l.startsWith('video/'))!;
        const audio = /URI="(audio\/[^"]+)"/.exec(master)![1]!;
        const [videoList, audioList] = await Promise.all([new URL(variant, manifestUrl), new URL(audio, manifestUrl)].map(async (u) => ({ url: u, text: await (await fetch(u)).text() })));
        const first = (list: { url: URL; text: string }) => {
          const lines = list.text.split('\n');
          const init = /URI="([^"]+)"/.exec(lines.find((l) => l.startsWith('#EXT-X-MAP'))!)![1]!;
          return [new URL(init, list.url).href, new URL(lines.find((l) => l.endsWith('.m4s'))!, list.url).href];
        };
        await Promise.all([...first(videoList!), ...first(audioList!)].map(bytes));
        return { ms: ms(start), manifestUrl, streamId };
      };

      const warm: number[] = [];
      for (let i = 0; i < 10; i++) warm.push((await play(CATALOG[i % TITLES]!.id)).ms);
      const warmSummary = summarize(warm);
      process.stdout.write(`Play to first segment (media made): median ${round(warmSummary.p50, 1)} ms, max ${round(warmSummary.max, 1)} ms (10 plays)\n`);
      const cold = await play(CATALOG[TITLES]!.id);
      process.stdout.write(`Play to first segment (first play of a title, includes making it): ${round(cold.ms / 1000, 2)} s\n`);

      // 3. Segment throughput: the top rendition, segment after segment, one device then four.
      const { manifestUrl, streamId } = await play(CATALOG[0]!.id);
      const segmentUrl = (k: number) => new URL(`video/540p/${k}.m4s`, manifestUrl).href;
      let start = performance.now();
      let total = 0;
      for (let k = 0; k < SEGMENTS; k++) {
        const n = await bytes(segmentUrl(k));
        total += n;
      }
      let took = ms(start);
      process.stdout.write(
        `one device, 540p segments back to back: ${round((SEGMENTS / took) * 1000, 0)} segments/s, ${round((total * 8) / took / 1000, 0)} Mbit/s (${round(took / SEGMENTS, 2)} ms each)\n`,
      );
      // The demo account is Premium (4 screens): the bench TV's player closes first, freeing its screen.
      await fetch(service.url + API.playbackStream(streamId), { method: 'DELETE', headers: { authorization: `Bearer ${tv.token}` } });
      const devices = await Promise.all(['A', 'B', 'C', 'D'].map((n) => device(`Bench ${n}`)));
      const urls = await Promise.all(
        devices.map(async (d) => (await call<PlaybackResponse>(API.playback, { profileId: d.profileId, titleId: CATALOG[0]!.id }, d.token)).manifestUrl),
      );
      start = performance.now();
      total = 0;
      await Promise.all(
        urls.map(async (url) => {
          for (let k = 0; k < SEGMENTS; k++) {
            const n = await bytes(new URL(`video/540p/${k}.m4s`, url).href);
            total += n;
          }
        }),
      );
      took = ms(start);
      process.stdout.write(`four devices at once: ${round(((4 * SEGMENTS) / took) * 1000, 0)} segments/s in all, ${round((total * 8) / took / 1000, 0)} Mbit/s\n`);
    } finally {
      await service.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/media: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
