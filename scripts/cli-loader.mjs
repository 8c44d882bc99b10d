#!/usr/bin/env node
// The hie-sandbox command as built (`npm run build` copies this file to dist/cli/index.js): runs the bundled CLI,
// dist/cli/sandbox.cjs, with the V8 code cache the build made for it (sandbox.cjs.cache), so a start does not
// parse and compile ~2 MB of JavaScript again. The cache holds the SHA-256 of the bundle it was made from and
// is used only for that bundle; without it (or when V8 refuses it, e.g. another Node version) the bundle is
// compiled as usual. HIE_SANDBOX_BUILD_CODE_CACHE=<file> (the build's own step) writes a new cache at exit.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, Script } from 'node:vm';

const dir = dirname(fileURLToPath(import.meta.url));
const file = join(dir, 'sandbox.cjs');
const cacheFile = `${file}.cache`;
const bytes = readFileSync(file);
const digest = createHash('sha256').update(bytes).digest();
const stored = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const cachedData = stored && stored.subarray(0, digest.length).equals(digest) ? stored.subarray(digest.length) : undefined;
const wrapped = `(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`;
const script = new Script(wrapped, {
  filename: file,
  cachedData,
  importModuleDynamically: constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
const out = process.env.HIE_SANDBOX_BUILD_CODE_CACHE;
if (out) process.once('exit', () => writeFileSync(out, Buffer.concat([digest, script.createCachedData()])));
const module = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dir);
