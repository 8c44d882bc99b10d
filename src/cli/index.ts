#!/usr/bin/env node
// The hie-sandbox command. Only this file (and main.ts) reads process state or exits.
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
// `start` keeps the process alive through its server; every other command ends here.
if (code !== 0 || process.argv[2] !== 'start') process.exit(code);
