/** The one table of maturity levels (shared/maturity.ts): what each level lets a profile see. */
import { describe, expect, it } from 'vitest';
import { allowsRating, isMaturityLevel, isRaise, KIDS_RATINGS, MATURITY, MATURITY_LEVELS, maturityFromKids, ratingsFor } from '../../../shared/maturity';
import { CATALOG } from '../../../server/catalog-data';

describe('maturity levels', () => {
  it('are Kids, Older kids, Teens and All, lowest first, each with a one-line description', () => {
    expect(MATURITY_LEVELS.map((l) => MATURITY[l].label)).toEqual(['Kids', 'Older kids', 'Teens', 'All']);
    for (const l of MATURITY_LEVELS) expect(MATURITY[l].description).toMatch(/^[A-Z].{10,70}\.$/);
  });

  it('each level sees the ratings of the ones below it and more', () => {
    expect(ratingsFor('kids')).toEqual(['TV-Y', 'TV-Y7', 'TV-G', 'G']);
    expect(ratingsFor('older-kids')).toEqual(['TV-Y', 'TV-Y7', 'TV-G', 'G', 'PG', 'TV-PG']);
    expect(ratingsFor('teens')).toEqual(['TV-Y', 'TV-Y7', 'TV-G', 'G', 'PG', 'TV-PG', 'PG-13', 'TV-14']);
    expect(ratingsFor('all')).toBeNull();
    for (const [i, level] of MATURITY_LEVELS.entries()) {
      for (const lower of MATURITY_LEVELS.slice(0, i)) for (const r of ratingsFor(lower)!) expect(allowsRating(level, r), `${level} ${r}`).toBe(true);
    }
  });

  it('places every rating in the catalog, and an unknown one only on All', () => {
    for (const t of CATALOG) expect(MATURITY_LEVELS.some((l) => l !== 'all' && allowsRating(l, t.rating)) || ['R', 'TV-MA'].includes(t.rating), t.rating).toBe(true);
    for (const rating of ['R', 'TV-MA', 'NC-17', 'NR', '']) {
      expect(MATURITY_LEVELS.filter((l) => allowsRating(l, rating)), rating).toEqual(['all']);
    }
    expect(allowsRating('teens', 'PG-13')).toBe(true);
    expect(allowsRating('older-kids', 'PG-13')).toBe(false);
    expect(allowsRating('kids', 'PG')).toBe(false);
  });

  it('a kids title is exactly one a Kids profile sees', () => {
    expect([...KIDS_RATINGS]).toEqual(ratingsFor('kids'));
    for (const t of CATALOG) expect(t.kids, t.title).toBe(allowsRating('kids', t.rating));
  });

  it('a raise is any step up; the same level or a step down is not', () => {
    expect(isRaise('kids', 'older-kids')).toBe(true);
    expect(isRaise('teens', 'all')).toBe(true);
    expect(isRaise('kids', 'all')).toBe(true);
    expect(isRaise('teens', 'teens')).toBe(false);
    expect(isRaise('all', 'kids')).toBe(false);
  });

  it('checks input, and reads the old Kids flag', () => {
    for (const ok of MATURITY_LEVELS) expect(isMaturityLevel(ok)).toBe(true);
    for (const bad of ['Kids', 'adult', '', null, 1, undefined, ['all']]) expect(isMaturityLevel(bad), String(bad)).toBe(false);
    expect(maturityFromKids(true)).toBe('kids');
    expect(maturityFromKids(false)).toBe('all');
  });
});
