import { describe, expect, it } from 'vitest';
import { allowedStack, HOME_ONLY, stackReducer, top, type Entry, type Stack } from '../../../renderer/src/screenStack';

const names = (s: Stack) => s.map((e) => e.name);
const push = (s: Stack, ...entries: Entry[]) => stackReducer(s, { type: 'push', entries });

describe('the screen stack', () => {
  it('opens screens over Home, and Back closes them one at a time down to Home, never past it', () => {
    let s = push(HOME_ONLY, { name: 'settings' });
    s = push(s, { name: 'devices' });
    s = push(s, { name: 'sign-out-all' });
    expect(names(s)).toEqual(['home', 'settings', 'devices', 'sign-out-all']);
    expect(top(s).name).toBe('sign-out-all');
    s = stackReducer(s, { type: 'pop' });
    expect(top(s).name).toBe('devices');
    s = stackReducer(stackReducer(stackReducer(s, { type: 'pop' }), { type: 'pop' }), { type: 'pop' });
    expect(s).toEqual(HOME_ONLY);
  });

  it("opens the hero's title page and player at once; Back from the player shows the title page", () => {
    let s = push(HOME_ONLY, { name: 'title', titleId: 't1' }, { name: 'player', titleId: 't1', resume: true });
    expect(top(s)).toEqual({ name: 'player', titleId: 't1', resume: true });
    s = stackReducer(s, { type: 'pop' });
    expect(top(s)).toEqual({ name: 'title', titleId: 't1' });
  });

  it('autoplay replaces the title page and player, keeping Search under them', () => {
    const list = [{ id: 't2' }] as never;
    let s = push(HOME_ONLY, { name: 'search' }, { name: 'title', titleId: 't1', list }, { name: 'player', titleId: 't1', resume: false, list });
    s = stackReducer(s, {
      type: 'replace',
      count: 2,
      entries: [
        { name: 'title', titleId: 't2', list },
        { name: 'player', titleId: 't2', resume: false, list },
      ],
    });
    expect(s.map((e) => ('titleId' in e ? `${e.name}:${e.titleId}` : e.name))).toEqual(['home', 'search', 'title:t2', 'player:t2']);
    // Replacing more than is open keeps Home.
    expect(stackReducer(s, { type: 'replace', count: 10, entries: [] })).toEqual(HOME_ONLY);
  });

  it('resets to Home (a profile switch, kiosk mode coming on)', () => {
    expect(stackReducer(push(HOME_ONLY, { name: 'settings' }, { name: 'kiosk' }), { type: 'reset' })).toEqual(HOME_ONLY);
    expect(stackReducer(HOME_ONLY, { type: 'reset' })).toBe(HOME_ONLY);
  });

  it('drops a screen that no longer applies, with everything above it', () => {
    const s = push(HOME_ONLY, { name: 'settings' }, { name: 'devices' }, { name: 'sign-out-all' });
    expect(names(allowedStack(s, (e) => e.name !== 'devices'))).toEqual(['home', 'settings']);
    expect(allowedStack(s, () => true)).toBe(s);
    // Home itself is never dropped.
    expect(allowedStack(s, () => false)).toEqual(HOME_ONLY);
  });
});
