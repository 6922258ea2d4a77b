// @vitest-environment jsdom
/** The renderer's one data hook: what a screen shows while a bridge answer is on its way, after it, and after a change. */
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/bridge';
import { useResult } from '../../../renderer/src/hooks/useResult';

const ok = <T,>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const refused = (message: string): Promise<Result<never>> => Promise.resolve({ ok: false, error: { code: 'server_unreachable', message } });

describe('useResult', () => {
  it('loads, then shows the answer with when it was fetched', async () => {
    const { result } = renderHook(() => useResult('k', () => ok(['a'])));
    expect(result.current.load).toEqual({ status: 'loading' });
    await waitFor(() => expect(result.current.load).toEqual({ status: 'ok', value: ['a'] }));
    expect(result.current.fetchedAt).toBeGreaterThan(0);
  });

  it('a quiet refresh keeps the list on screen, and keeps it when the refresh fails; reload shows the failure', async () => {
    const fetch = vi.fn(() => ok(['a']));
    const { result } = renderHook(() => useResult('k', fetch));
    await waitFor(() => expect(result.current.load.status).toBe('ok'));
    let answer!: (r: Result<string[]>) => void;
    fetch.mockImplementationOnce(() => new Promise((r) => (answer = r)));
    act(() => result.current.refresh());
    expect(result.current.load).toEqual({ status: 'ok', value: ['a'] });
    await act(async () => answer({ ok: false, error: { code: 'server_unreachable', message: 'Offline' } }));
    expect(result.current.load).toEqual({ status: 'ok', value: ['a'] });
    fetch.mockImplementationOnce(() => refused('Offline'));
    act(() => result.current.reload());
    expect(result.current.load).toEqual({ status: 'loading' });
    await waitFor(() => expect(result.current.load).toMatchObject({ status: 'error', error: { message: 'Offline' } }));
  });

  it('a quiet refresh refused for a reason (the profile was locked) shows the refusal, so the screen can act on it', async () => {
    const fetch = vi.fn(() => ok(['a']));
    const { result } = renderHook(() => useResult('k', fetch));
    await waitFor(() => expect(result.current.load.status).toBe('ok'));
    fetch.mockImplementationOnce(() => Promise.resolve({ ok: false, error: { code: 'profile_locked', message: 'Locked.' } }));
    act(() => result.current.refresh());
    await waitFor(() => expect(result.current.load).toMatchObject({ status: 'error', error: { code: 'profile_locked' } }));
  });

  it('set shows a change this screen made at once', async () => {
    const { result } = renderHook(() => useResult('k', () => ok(['a'])));
    await waitFor(() => expect(result.current.load.status).toBe('ok'));
    act(() => result.current.set(['a', 'b']));
    expect(result.current.load).toEqual({ status: 'ok', value: ['a', 'b'] });
  });

  it('drops an answer to an older key', async () => {
    const answers: Record<string, (r: Result<string>) => void> = {};
    const { result, rerender } = renderHook(({ k }) => useResult(k, () => new Promise<Result<string>>((r) => (answers[k] = r))), { initialProps: { k: 'one' } });
    rerender({ k: 'two' });
    await act(async () => answers.one!({ ok: true, value: 'old' }));
    expect(result.current.load).toEqual({ status: 'loading' });
    await act(async () => answers.two!({ ok: true, value: 'new' }));
    expect(result.current.load).toEqual({ status: 'ok', value: 'new' });
  });
});
