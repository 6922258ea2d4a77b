import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHARED_MEDIA_DIR } from '../../../../server/media/library';
import { mediaDirFor, redactMediaUrl } from '../../../../server/media/playback';

afterEach(() => vi.unstubAllEnvs());

describe('where media is kept, and what the log shows of its URLs', () => {
  it('keeps media beside the database, in the shared temp folder in memory, or where COUCHSIDE_MEDIA_DIR says', () => {
    vi.stubEnv('COUCHSIDE_MEDIA_DIR', '');
    expect(mediaDirFor('/data/server/couchside.db')).toBe(join('/data/server', 'media'));
    expect(mediaDirFor(':memory:')).toBe(SHARED_MEDIA_DIR);
    vi.stubEnv('COUCHSIDE_MEDIA_DIR', '/var/cache/couchside');
    expect(mediaDirFor('/data/server/couchside.db')).toBe('/var/cache/couchside');
  });

  it('replaces the playback token in a media URL, and leaves other URLs alone', () => {
    expect(redactMediaUrl('/v1/media/glass-harbor/eyJz.abc_-/video/540p/12.m4s')).toBe('/v1/media/glass-harbor/[token]/video/540p/12.m4s');
    expect(redactMediaUrl('/v1/media/glass-harbor/eyJz.abc')).toBe('/v1/media/glass-harbor/[token]');
    expect(redactMediaUrl('/v1/catalog/home?profileId=1')).toBe('/v1/catalog/home?profileId=1');
    expect(redactMediaUrl('/v1/media/')).toBe('/v1/media/');
  });
});
