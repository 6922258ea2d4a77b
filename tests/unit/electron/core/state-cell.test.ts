import { describe, expect, it, vi } from 'vitest';
import { StateCell } from '../../../../electron/core/state-cell';
import type { Logger } from '../../../../electron/core/log';

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() }) as unknown as Logger & { error: ReturnType<typeof vi.fn> };

describe('StateCell (session, kiosk and code sign-in state)', () => {
  it('tells listeners only of real changes, and a throwing listener stops neither the others nor the caller', () => {
    const log = logger();
    const cell = new StateCell({ status: 'idle' as string, n: 0 }, log, 'test');
    const seen: unknown[] = [];
    cell.subscribe(() => {
      throw new Error('boom');
    });
    const off = cell.subscribe((v) => seen.push(v));
    cell.set({ status: 'idle', n: 0 }); // equal: nothing
    cell.set({ status: 'waiting', n: 1 });
    expect(seen).toEqual([{ status: 'waiting', n: 1 }]);
    expect(cell.get()).toEqual({ status: 'waiting', n: 1 });
    expect(log.error).toHaveBeenCalledWith('test listener threw', { error: 'Error: boom' });
    off();
    cell.set({ status: 'idle', n: 2 });
    expect(seen).toHaveLength(1);
    expect(log.error).toHaveBeenCalledTimes(2);
    cell.clear();
    cell.set({ status: 'x', n: 3 });
    expect(log.error).toHaveBeenCalledTimes(2);
  });

  it('within one status, only a real difference is a change, whichever way the status was reached', () => {
    const cell = new StateCell<{ status: string; offline?: boolean; notice?: { at: string } }>({ status: 'restoring' }, logger(), 'test');
    const seen: unknown[] = [];
    cell.subscribe((v) => seen.push(v));
    cell.set({ status: 'signed-out', notice: { at: '1' } }); // a new status
    cell.set({ status: 'signed-out', notice: { at: '1' } }); // the same again: nothing
    cell.set({ status: 'signed-out', notice: { at: '2' } }); // same status, new notice
    cell.set({ status: 'signed-in', offline: false });
    cell.set({ status: 'signed-in', offline: true });
    cell.set({ status: 'signed-in', offline: true });
    expect(seen).toEqual([
      { status: 'signed-out', notice: { at: '1' } },
      { status: 'signed-out', notice: { at: '2' } },
      { status: 'signed-in', offline: false },
      { status: 'signed-in', offline: true },
    ]);
  });
});
