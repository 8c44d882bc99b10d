// The soak's same-run baseline: an idle Node process measuring its own event-loop delay (the machine's contention).
import { monitorEventLoopDelay } from 'node:perf_hooks';

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
setInterval(() => undefined, 1000);
process.on('message', () => {
  process.send!({ p99: Math.round(loop.percentile(99) / 1e5) / 10 });
  loop.reset();
});
