// Preloaded (`node --import`) into the built CLI by start-loads.test.ts: records the URL of every ES module the
// process loads and the path of every CommonJS module it requires, and writes them, one a line, to the file named
// by HIE_LOADED_FILE when the process exits.
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on('message', (url) => urls.push(url));
port1.unref();
register('./load-hook.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
const required = () => Object.keys(createRequire(import.meta.url).cache);
process.on('exit', () => writeFileSync(process.env.HIE_LOADED_FILE, [...urls, ...required()].join('\n')));
