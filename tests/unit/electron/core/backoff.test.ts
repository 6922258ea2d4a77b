import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../electron/core/backoff';

describe('backoffDelay', () => {
  it('doubles up to the cap and keeps between half and all of it (jitter)', () => {
    const lo = () => 0;
    const hi = () => 0.999999;
    expect(backoffDelay(1, { baseMs: 500, random: lo })).toBe(250);
    expect(backoffDelay(1, { baseMs: 500, random: hi })).toBe(500);
    expect(backoffDelay(3, { baseMs: 500, random: hi })).toBe(2000);
    expect(backoffDelay(30, { baseMs: 500, capMs: 30_000, random: hi })).toBe(30_000);
    expect(backoffDelay(30, { baseMs: 500, capMs: 30_000, random: lo })).toBe(15_000);
  });
});
