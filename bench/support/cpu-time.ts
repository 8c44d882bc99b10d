// The CPU time a benchmark target has spent: steadier than wall-clock throughput on a shared, busy machine.
import { readdirSync, readFileSync } from 'node:fs';

/** Microseconds of CPU (user + system) in a `/proc/.../stat` file (100 ticks a second); NaN when it cannot be read. */
function statCpu(path: string): number {
  try {
    const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

/** Microseconds of CPU (user + system) process `pid` has used, from `/proc/<pid>/stat`; NaN without /proc. */
export const cpuOf = (pid: number): number => statCpu(`/proc/${pid}/stat`);

/**
 * The same, split into the main thread's and every other thread's (V8's garbage-collector and compiler helpers,
 * libuv's pool, workers): a change in what the collector does shows in `others` apart from the request path's own
 * work. Threads that ended in between are missed; NaN without /proc.
 */
export function threadCpuOf(pid: number): { main: number; others: number } {
  let others = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) if (tid !== String(pid)) others += statCpu(`/proc/${pid}/task/${tid}/stat`) || 0;
  } catch {
    return { main: Number.NaN, others: Number.NaN };
  }
  return { main: statCpu(`/proc/${pid}/task/${pid}/stat`), others };
}
