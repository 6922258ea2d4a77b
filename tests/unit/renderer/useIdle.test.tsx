// @vitest-environment jsdom
import { act, cleanup, fireEvent, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { movedFilter, useIdle, type UseIdleOptions } from '../../../renderer/src/hooks/useIdle';
import { manualClock } from './clock';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useIdle (injected clock)', () => {
  let c: ReturnType<typeof manualClock>;
  beforeEach(() => {
    c = manualClock();
  });

  const mount = (over: Partial<UseIdleOptions> = {}) => {
    const onIdle = vi.fn();
    const onActive = vi.fn();
    const hook = renderHook((props: Partial<UseIdleOptions>) =>
      useIdle({ timeoutMs: 60_000, enabled: true, onIdle, onActive, clock: c.clock, ...over, ...props }),
    { initialProps: {} });
    return { onIdle, onActive, ...hook };
  };

  it('fires once after the idle time with no input', () => {
    const { onIdle } = mount();
    c.advance(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    c.advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    // Nobody came back: it does not fire again and again.
    c.advance(600_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('any key, mouse, wheel or touch input starts the idle time again', () => {
    const { onIdle } = mount();
    for (const fire of [
      () => fireEvent.keyDown(document.body, { key: 'ArrowDown' }),
      () => fireEvent.mouseMove(document.body, { screenX: 10, screenY: 10 }),
      () => fireEvent.mouseDown(document.body),
      () => fireEvent.wheel(document.body),
      () => fireEvent.touchStart(document.body),
    ]) {
      c.advance(50_000);
      fire();
    }
    c.advance(59_000);
    expect(onIdle).not.toHaveBeenCalled();
    c.advance(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('input after idling says so and arms another full period', () => {
    const { onIdle, onActive } = mount();
    c.advance(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(onActive).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: 'x' });
    expect(onActive).toHaveBeenCalledTimes(1);
    c.advance(59_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    c.advance(1_000);
    expect(onIdle).toHaveBeenCalledTimes(2);
  });

  it('sees input even when a handler stops it (listens in the capture phase)', () => {
    const { onIdle } = mount();
    const stop = (e: Event) => e.stopPropagation();
    document.body.addEventListener('keydown', stop);
    c.advance(30_000);
    fireEvent.keyDown(document.body, { key: 'Enter' });
    document.body.removeEventListener('keydown', stop);
    c.advance(59_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('pauses while disabled and starts a full period when enabled again', () => {
    const { onIdle, rerender } = mount();
    c.advance(50_000);
    rerender({ enabled: false });
    expect(c.pending()).toBe(0);
    c.advance(600_000);
    expect(onIdle).not.toHaveBeenCalled();
    rerender({ enabled: true });
    c.advance(59_999);
    expect(onIdle).not.toHaveBeenCalled();
    c.advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires for a zero idle time, and stops on unmount', () => {
    const zero = mount({ timeoutMs: 0 });
    c.advance(600_000);
    expect(zero.onIdle).not.toHaveBeenCalled();
    zero.unmount();
    const live = mount();
    live.unmount();
    expect(c.pending()).toBe(0);
    c.advance(600_000);
    expect(live.onIdle).not.toHaveBeenCalled();
  });

  it('keeps one timer in flight however much input arrives', () => {
    mount();
    for (let i = 0; i < 100; i++) fireEvent.mouseMove(window, { screenX: i, screenY: 0 });
    expect(c.pending()).toBe(1);
  });

  it('counts only the events it is given, through the filter', () => {
    const filter = movedFilter();
    const { onIdle, onActive } = mount({ events: ['mousemove'], isInput: filter, timeoutMs: 3_000 });
    fireEvent.mouseMove(window, { screenX: 5, screenY: 5 });
    c.advance(2_000);
    fireEvent.keyDown(window, { key: 'a' }); // not watched
    fireEvent.mouseMove(window, { screenX: 5, screenY: 5 }); // the page moved, not the mouse
    c.advance(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    fireEvent.mouseMove(window, { screenX: 5, screenY: 5 });
    expect(onActive).not.toHaveBeenCalled();
    fireEvent.mouseMove(window, { screenX: 6, screenY: 5 });
    expect(onActive).toHaveBeenCalledTimes(1);
  });
});

describe('useIdle (fake timers, default clock)', () => {
  it('fires after the idle time and resets on input', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    renderHook(() => useIdle({ timeoutMs: 10_000, enabled: true, onIdle }));
    act(() => {
      vi.advanceTimersByTime(9_000);
    });
    fireEvent.pointerDown(window);
    fireEvent.mouseDown(window);
    act(() => {
      vi.advanceTimersByTime(9_000);
    });
    expect(onIdle).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
