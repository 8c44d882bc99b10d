#!/usr/bin/env node
// The hie-sandbox command. Only this file (and main.ts) reads process state or exits.
// No top-level await: the build bundles this entry as a CommonJS script (scripts/bundle.mjs).
import { runCli } from './program.js';

void runCli(process.argv.slice(2)).then((code) => {
  // `start` keeps the process alive through its server; every other command ends here.
  if (code !== 0 || process.argv[2] !== 'start') process.exit(code);
});
