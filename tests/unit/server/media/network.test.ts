import { describe, expect, it } from 'vitest';
import type { Readable } from 'node:stream';
import { NETWORK_LIMITS, PlaybackNetwork } from '../../../../server/media/network';

/** Reads a stream to its end; resolves with its bytes and how long it took. */
async function drain(stream: Readable): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return { bytes, ms: performance.now() - started };
}

describe("the testers' network for media segments", () => {
  it('holds a condition for a while; a device setting wins over the all-devices one; no knob clears', () => {
    let now = 0;
    const net = new PlaybackNetwork(() => now);
    expect(net.for('tv')).toBeUndefined();
    expect(net.set(null, { latencyMs: 200 }, 1000)).toEqual({ deviceId: null, bandwidthKbps: null, latencyMs: 200, failSegments: false, until: new Date(1000).toISOString() });
    net.set('tv', { bandwidthKbps: 300, failSegments: true }, 5000);
    expect(net.for('tv')).toMatchObject({ bandwidthKbps: 300, failSegments: true, latencyMs: 0 });
    expect(net.for('phone')).toMatchObject({ latencyMs: 200, bandwidthKbps: null });
    expect(net.list().map((c) => c.deviceId)).toEqual([null, 'tv']);
    now = 1000;
    expect(net.for('phone')).toBeUndefined();
    expect(net.list().map((c) => c.deviceId)).toEqual(['tv']);
    expect(net.set('tv', {}).until).toBeNull();
    expect(net.for('tv')).toBeUndefined();
    net.set(null, { failSegments: true }, NETWORK_LIMITS.defaultForMs);
    net.clear();
    expect(net.list()).toEqual([]);
  });

  it('paces a capped device: its requests share one link at the cap', async () => {
    const net = new PlaybackNetwork();
    net.set('tv', { bandwidthKbps: 800 });
    const body = Buffer.alloc(20_000, 1); // 160 kbit: 200 ms at 800 kbit/s
    const one = await drain(net.paced('tv', body));
    expect(one.bytes).toBe(20_000);
    expect(one.ms).toBeGreaterThan(150);
    expect(one.ms).toBeLessThan(1500);
    // Two at once share the link: together they take about twice as long.
    const started = performance.now();
    await Promise.all([drain(net.paced('tv', body)), drain(net.paced('tv', body))]);
    expect(performance.now() - started).toBeGreaterThan(330);
    // Another device, uncapped, is not held back.
    expect((await drain(net.paced('phone', body))).ms).toBeLessThan(100);
  });

  it('lets the rest through at once when the cap is lifted mid-way', async () => {
    const net = new PlaybackNetwork();
    net.set('tv', { bandwidthKbps: 80 }); // 20 kB would take 2 s
    const stream = net.paced('tv', Buffer.alloc(20_000));
    setTimeout(() => net.set('tv', {}), 100);
    const { bytes, ms } = await drain(stream);
    expect(bytes).toBe(20_000);
    expect(ms).toBeLessThan(1000);
  });

  it('ends deliveries under way when the service closes', async () => {
    const net = new PlaybackNetwork();
    net.set('tv', { bandwidthKbps: 8 }); // 20 kB would take 20 s
    const stream = net.paced('tv', Buffer.alloc(20_000));
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.resume();
    setTimeout(() => net.close(), 50);
    await closed;
    expect(stream.destroyed).toBe(true);
  });
});
