/** How busy the whole machine was (from /proc/stat), to tell the bench's own load from other work. */
import { readFileSync } from 'node:fs';

/** Cumulative CPU time of the machine, in seconds (all cores together). */
export interface MachineCpu {
  busyS: number;
  totalS: number;
}

/** Reads /proc/stat; null where it does not exist (not Linux). */
export function machineCpu(): MachineCpu | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (in USER_HZ, 100/s)
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((s, x) => s + x, 0);
    return { busyS: (total - idle) / 100, totalS: total / 100 };
  } catch {
    return null;
  }
}

/** CPU seconds a process has used (user + system). */
export function ownCpuS(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
