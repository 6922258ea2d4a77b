import { describe, expect, it } from 'vitest';
import { PlaybackTokens } from '../../../../server/media/playback-token';

const CLAIMS = { sessionId: 's-1', streamId: 'st-1', profileId: 'p-1', titleId: 'glass-harbor', expiresAt: 10_000 };

describe('playback tokens', () => {
  it('round-trips its claims until they expire', () => {
    let now = 1_000;
    const tokens = new PlaybackTokens(() => now);
    const token = tokens.issue(CLAIMS);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.check(token)).toEqual(CLAIMS);
    now = 10_000;
    expect(tokens.check(token)).toBe('expired');
  });

  it('refuses a token signed with another key, a changed payload, or a changed signature', () => {
    const tokens = new PlaybackTokens(() => 0);
    const other = new PlaybackTokens(() => 0);
    const token = tokens.issue(CLAIMS);
    expect(tokens.check(other.issue(CLAIMS))).toBe('forged');
    const [payload, signature] = token.split('.') as [string, string];
    const longer = Buffer.from(JSON.stringify({ s: 's-1', p: 'p-1', t: 'glass-harbor', e: 99_999_999 })).toString('base64url');
    expect(tokens.check(`${longer}.${signature}`)).toBe('forged');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(tokens.check(`${payload}.${flipped}`)).toBe('forged');
    expect(tokens.check(`${payload}.${signature.slice(0, 20)}`)).toBe('forged');
  });

  it('refuses what is not a token at all', () => {
    const tokens = new PlaybackTokens(() => 0);
    for (const junk of ['', 'abc', 'a.b.c', '../../etc/passwd', `${'a'.repeat(400)}.b`, 'a b.c']) expect(tokens.check(junk)).toBe('malformed');
  });
});
