#!/usr/bin/env node
// `npm run build` step, after tsc: bundles the CLI (src/cli/index.ts and every sandbox module it imports) into
// dist/cli/index.js, so a start reads and compiles one file instead of ~300, with the packages every start loads
// (express and its ~60 dependencies, jose, commander, boom, lowdb: ~150 more files). Every other package stays
// external and loads from node_modules when first used, as before (pdfkit, fontkit, ws, yaml, fast-xml-parser,
// node-forge, fhirpath, esbuild...); the modules the sandbox imports on first use (the PDF letter) become chunks
// beside it, still loaded on first use. tsc's per-file output stays in dist/: the HCIM index worker runs it, and each bundled
// module's `import.meta.url` is rewritten to the URL of its own compiled file, so every asset it finds relative to
// itself (the dashboard's public/, scenarios/, package.json, the client sources) is found where it was.
//   node scripts/bundle.mjs [--root <dir>]
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? '.') : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const outdir = join(root, 'dist', 'cli');
const CHUNK_PREFIX = 'chunk-';
/** The packages a start loads (test/foundation/start-loads.test.ts lists them), bundled with their dependencies. */
const BUNDLED = ['express', 'jose', 'commander', '@hapi/boom', 'lowdb'];
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  .filter((name) => !BUNDLED.includes(name))
  .flatMap((name) => [name, `${name}/*`]);

/** Each source module's import.meta.url becomes the URL of its tsc output (dist/<same path>.js), relative to the bundle. */
const importMetaAsCompiled = {
  name: 'import-meta-as-compiled',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (a) => {
      if (!a.path.startsWith(src + sep)) return undefined;
      const text = readFileSync(a.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const compiled = join(root, 'dist', relative(src, a.path)).replace(/\.ts$/, '.js');
      const rel = relative(outdir, compiled).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

// Chunks of an earlier build go first (their names carry a content hash).
for (const name of readdirSync(outdir)) if (name.startsWith(CHUNK_PREFIX)) rmSync(join(outdir, name));

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { index: join(src, 'cli', 'index.ts') },
  outdir,
  chunkNames: `${CHUNK_PREFIX}[hash]`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // The bundled CommonJS packages require Node's built-in modules.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  sourcemap: true,
  tsconfig: join(root, 'tsconfig.build.json'),
  plugins: [importMetaAsCompiled],
  logLevel: 'warning',
});
