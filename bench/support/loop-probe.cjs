// Preloaded (`node --require`) into a process a benchmark spawns, to see its event loop from inside: on the main
// thread, a 10 ms timer notes each time it fires more than 5 ms late, and at exit the notes go, as JSON pairs
// [epoch ms when the stall began, ms late], to the file named by HIE_BENCH_LOOP_PROBE. Worker threads are left alone.
'use strict';
const { isMainThread } = require('node:worker_threads');
const { writeFileSync } = require('node:fs');

const file = process.env.HIE_BENCH_LOOP_PROBE;
if (isMainThread && file) {
  const notes = [];
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - 10;
    last = now;
    if (late > 5 && notes.length < 100_000) notes.push([Math.round(performance.timeOrigin + now - late), Math.round(late)]);
  }, 10).unref();
  process.once('exit', () => writeFileSync(file, JSON.stringify(notes)));
}
