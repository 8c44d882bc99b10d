// The CPU time a benchmark target has spent: steadier than wall-clock throughput on a shared, busy machine.
import { readFileSync } from 'node:fs';

/** Microseconds of CPU (user + system) process `pid` has used, from `/proc/<pid>/stat` (100 ticks a second); NaN without /proc. */
export function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}
