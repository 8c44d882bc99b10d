#!/usr/bin/env node
// `npm run build` step, after tsc: bundles the CLI (src/cli/index.ts and every sandbox module it imports) into one
// CommonJS script, dist/cli/sandbox.cjs, with the packages every start loads (express and its ~60 dependencies, jose,
// commander, boom, lowdb), so a start reads and compiles one file instead of ~450. Every other package stays
// external and is required when first used, as before (pdfkit, fontkit, ws, yaml, fast-xml-parser, node-forge,
// fhirpath, esbuild...). dist/cli/index.js, the `hie-sandbox` command, becomes scripts/cli-loader.mjs, which runs the
// bundle with a V8 code cache made here by one start (spawned, asked for /admin/health, stopped).
// tsc's per-file output stays in dist/: the HCIM index worker runs it, and each bundled module's `import.meta.url`
// is rewritten to the URL of its own compiled file, so every asset it finds relative to itself (the dashboard's
// public/, scenarios/, package.json, the client sources) is found where it was.
//   node scripts/bundle.mjs [--root <dir>] [--no-code-cache]
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? '.') : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const outdir = join(root, 'dist', 'cli');
const bundle = join(outdir, 'sandbox.cjs');
const cache = `${bundle}.cache`;

/** The packages a start loads (test/foundation/start-loads.test.ts checks it), bundled with their dependencies. */
const BUNDLED = ['express', 'jose', 'commander', '@hapi/boom', 'lowdb'];
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  .filter((name) => !BUNDLED.includes(name))
  .flatMap((name) => [name, `${name}/*`]);

/** Each source module's import.meta.url becomes the URL of its tsc output (dist/<same path>.js). */
const importMetaAsCompiled = {
  name: 'import-meta-as-compiled',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (a) => {
      if (!a.path.startsWith(src + sep)) return undefined;
      const text = readFileSync(a.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const compiled = join(root, 'dist', relative(src, a.path)).replace(/\.ts$/, '.js');
      const rel = relative(outdir, compiled).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `__compiledUrl(${JSON.stringify(rel)})`), loader: 'ts' };
    });
  },
};

// What earlier builds left: the code cache of another bundle, the chunks of the ES module bundle.
rmSync(cache, { force: true });
for (const name of readdirSync(outdir)) if (name.startsWith('chunk-')) rmSync(join(outdir, name));

await esbuild.build({
  absWorkingDir: root,
  entryPoints: [join(src, 'cli', 'index.ts')],
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external,
  // import() of a package becomes require(): the bundle runs as a script, outside the ES module loader.
  supported: { 'dynamic-import': false },
  // At the top of the script, where `require` and `__dirname` are the script's own (modules' are renamed).
  banner: { js: 'const __compiledUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href;' },
  sourcemap: true,
  tsconfig: join(root, 'tsconfig.build.json'),
  plugins: [importMetaAsCompiled],
  logLevel: 'warning',
});
// The entry's hashbang line (kept by esbuild) is a syntax error inside the loader's function wrapper.
const code = readFileSync(bundle, 'utf8');
if (code.startsWith('#!')) writeFileSync(bundle, `//${code.slice(2)}`);
copyFileSync(join(root, 'scripts', 'cli-loader.mjs'), join(outdir, 'index.js'));

if (!args.includes('--no-code-cache')) {
  // Without a cache every start compiles the bundle (about 70 ms of CPU more): worth a warning, not a failed build.
  await makeCodeCache().catch((err) => process.stderr.write(`warning: no code cache for dist/cli/sandbox.cjs (${err.message})\n`));
}

/**
 * One start (defaults, in memory, loopback, a free port) until its first health answer; the loader writes the cache
 * at exit. The sandbox's own environment variables are left out, so the start is the default one wherever it runs.
 */
async function makeCodeCache() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HIE_SANDBOX_')));
  const child = spawn(process.execPath, [join(outdir, 'index.js'), 'start', '--ephemeral', '--host', '127.0.0.1', '--port', '0', '--log', 'error'], {
    cwd: root,
    env: { ...env, HIE_SANDBOX_BUILD_CODE_CACHE: cache },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  const limit = setTimeout(() => child.kill('SIGKILL'), 120_000);
  try {
    let banner = '';
    const url = await new Promise((done, fail) => {
      child.stdout.on('data', (c) => {
        banner += c;
        const m = /listening on (https?:\/\/\S+)/.exec(banner);
        if (m) done(m[1]);
      });
      void exited.then((code) => fail(new Error(`the start that makes the code cache exited (${code}) before listening`)));
    });
    const health = await fetch(`${url}/admin/health`);
    await health.text();
    if (health.status !== 200) throw new Error(`health answered ${health.status}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    clearTimeout(limit);
  }
  if (!existsSync(cache)) throw new Error('the start exited without writing it');
}
