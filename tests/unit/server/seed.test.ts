import { describe, expect, it } from 'vitest';
import { CATALOG, GENRES, KIDS_RATINGS } from '../../../server/catalog-data';
import { openDatabase } from '../../../server/db';
import { hashPassword, verifyPassword } from '../../../server/passwords';
import { AccountExistsError, createAccount, DEMO_PROFILES, seedDemo } from '../../../server/seed';

describe('catalog data', () => {
  it('has at least 44 titles with unique ids across all genres', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(44);
    expect(new Set(CATALOG.map((t) => t.id)).size).toBe(CATALOG.length);
    for (const g of GENRES) expect(CATALOG.filter((t) => t.genre === g).length, g).toBeGreaterThanOrEqual(4);
  });

  it('flags kids exactly for kids ratings, and every field is in range', () => {
    const ratings = new Set(['TV-Y', 'TV-Y7', 'TV-G', 'G', 'PG', 'PG-13', 'TV-14', 'TV-MA', 'R']);
    for (const t of CATALOG) {
      expect(ratings.has(t.rating), t.title).toBe(true);
      expect(t.kids, t.title).toBe(KIDS_RATINGS.has(t.rating));
      expect(t.hue).toBeGreaterThanOrEqual(0);
      expect(t.hue).toBeLessThanOrEqual(359);
      expect(t.runtimeMinutes).toBeGreaterThan(0);
      expect(t.synopsis).toMatch(/^[A-Z].*\.$/);
    }
    expect(CATALOG.filter((t) => t.kids).length).toBeGreaterThanOrEqual(10);
  });
});

describe('seed helpers', () => {
  it('seedDemo seeds once; createAccount adds a second household; duplicates are refused', async () => {
    const db = openDatabase(':memory:');
    try {
      expect(await seedDemo(db)).toBe(true);
      expect(await seedDemo(db)).toBe(false);
      const names = db.prepare('SELECT name FROM profiles ORDER BY position').all() as { name: string }[];
      expect(names.map((r) => r.name)).toEqual(DEMO_PROFILES.map((p) => p.name));

      const created = await createAccount(db, {
        email: 'two@couchside.test',
        password: 'two-password',
        profiles: [{ name: 'Riley', avatar: 'cat' }, { name: 'Robin', maturity: 'teens' }, { name: 'Remy', kids: true }],
      });
      expect(created.account.plan).toBe('Standard');
      expect(created.profiles).toEqual([
        { id: expect.any(String), name: 'Riley', avatar: 'cat', maturity: 'all', kids: false, locked: false, audioLanguage: 'en', subtitleLanguage: null },
        { id: expect.any(String), name: 'Robin', avatar: 'fox', maturity: 'teens', kids: false, locked: false, audioLanguage: 'en', subtitleLanguage: null },
        { id: expect.any(String), name: 'Remy', avatar: 'fox', maturity: 'kids', kids: true, locked: false, audioLanguage: 'en', subtitleLanguage: null },
      ]);
      await expect(createAccount(db, { email: 'TWO@couchside.test', password: 'x' })).rejects.toBeInstanceOf(AccountExistsError);
    } finally {
      db.close();
    }
  });
});

describe('passwords', () => {
  it('hashes with a per-user salt and verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('hunter2'), hashPassword('hunter2')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('hunter2', a)).toBe(true);
    expect(await verifyPassword('hunter3', a)).toBe(false);
  });

  it('treats malformed hashes as a mismatch', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$2$3', 'scrypt$99999999$8$1$AAAA$AAAA', 'scrypt$16384$8$1$$']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });
});
