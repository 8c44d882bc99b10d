// A start loads only what answering needs: the libraries of the PDF letter, fonts, certificates, SOAP, YAML
// scenarios and the WebSocket feed load when first used (start-up time is mostly module loading).
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_ENTRY, REPO_ROOT } from '../support/cli-entry.js';

const probe = fileURLToPath(new URL('./support/start-probe.ts', import.meta.url));
const builtProbe = fileURLToPath(new URL('./support/built-probe.mjs', import.meta.url));
/** What every start loads: in the built CLI, bundled into it with their dependencies. */
const BUNDLED = ['express', 'body-parser', 'router', 'jose', 'commander', '@hapi/boom', 'lowdb'];
const LOADED_ON_FIRST_USE = ['fast-xml-parser', 'fhirpath', 'fontkit', 'node-forge', 'pdfkit', 'ws', 'yaml'];
/** Of those, the ones the built CLI's test below does not use (it reads the scenarios, hence yaml). */
const NOT_TOUCHED_HERE = ['fast-xml-parser', 'fontkit', 'node-forge', 'pdfkit', 'ws'];

describe('what a start loads', () => {
  it('answers health without loading the first-use libraries, and loads the SOAP parser with the first SOAP call', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', probe], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const [started, afterSoap] = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string[]>);
    expect(started!.started).toContain('express');
    expect(started!.started.filter((p) => LOADED_ON_FIRST_USE.includes(p))).toEqual([]);
    expect(afterSoap!.afterSoap).toContain('fast-xml-parser');
  });

  it('runs the built CLI from one bundled file, with the packages every start loads, and finds its assets where the compiled modules are', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hie-start-loads-'));
    try {
      const loadedFile = join(dir, 'loaded.txt');
      const child = spawn(process.execPath, ['--import', pathToFileURL(builtProbe).href, CLI_ENTRY, 'start', '--port', '0', '--ephemeral', '--patients', '100', '--log', 'error'], {
        cwd: REPO_ROOT,
        env: { ...process.env, HIE_LOADED_FILE: loadedFile },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      let banner = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          banner += c.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
          if (m) resolve(m[1]!);
        });
        void exited.then((code) => reject(new Error(`exited ${String(code)} before the banner`)));
      });
      const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(((await (await fetch(`${url}/admin/health`)).json()) as { version: string }).version).toBe(version);
      const app = await fetch(`${url}/ui/app.js`);
      expect(app.status).toBe(200);
      expect((await app.text()).length).toBeGreaterThan(1000);
      const scenarios = await fetch(`${url}/ui/api/demo/scenarios`);
      expect(scenarios.status).toBe(200);
      expect(((await scenarios.json()) as unknown[]).length).toBeGreaterThan(0); // read from scenarios/
      child.kill('SIGTERM');
      await exited;
      const loaded = (await readFile(loadedFile, 'utf8')).split('\n').map((f) => (f.startsWith('file:') ? fileURLToPath(f) : f));
      const dist = join(REPO_ROOT, 'dist') + sep;
      // The loader alone: it compiles the bundle, dist/cli/sandbox.cjs, itself (with its code cache).
      expect(loaded.filter((f) => f.startsWith(dist)).map((f) => f.slice(dist.length))).toEqual([join('cli', 'index.js')]);
      expect(loaded.filter((f) => f.includes('/node_modules/esbuild/'))).toEqual([]); // the prebuilt dashboard was found
      const packages = new Set(loaded.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]));
      expect(BUNDLED.filter((p) => packages.has(p))).toEqual([]);
      expect(NOT_TOUCHED_HERE.filter((p) => packages.has(p))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("does not use a code cache made for another bundle (V8 itself checks only the source's length)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hie-code-cache-'));
    try {
      await mkdir(join(dir, 'dist', 'cli'), { recursive: true });
      await copyFile(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
      for (const f of ['index.js', 'sandbox.cjs', 'sandbox.cjs.cache']) await copyFile(join(REPO_ROOT, 'dist', 'cli', f), join(dir, 'dist', 'cli', f));
      const help = () => spawnSync(process.execPath, [join(dir, 'dist', 'cli', 'index.js'), '--help'], { encoding: 'utf8', timeout: 60_000 }).stdout;
      const description = 'Ocean eReferral, BC PLR and HCIM simulated on localhost';
      expect(help()).toContain(description);
      // The same bundle but for one string of the same length, next to the cache of the original.
      const bundle = join(dir, 'dist', 'cli', 'sandbox.cjs');
      const changed = description.replace('localhost', 'LOCALHOST');
      await writeFile(bundle, (await readFile(bundle, 'utf8')).replace(description, changed));
      expect(help()).toContain(changed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
