// One process at a time on a data file. A command that found no sandbox answering at --url used to open the data
// file itself, even while a (slow, or elsewhere listening) sandbox held it: two writers, and one's writes lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { DataFileInUseError, openStore } from '../../src/store/index.js';
import { createLock } from '../../src/store/data-lock.js';
import { REPO_ROOT } from '../support/cli-entry.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  vi.restoreAllMocks();
});

/** A live process that is not this one (its id stands for another sandbox's). */
function otherProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/** The id of a process that has exited (a sandbox that crashed). */
async function goneProcess(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => gone.once('exit', r));
  return gone.pid!;
}

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'hie-lock-')), 'sandbox.json');

describe('the data file lock', () => {
  it('is taken at open and given back at close', async () => {
    const file = fileIn();
    const store = await openStore({ file, flushMs: 5 });
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await store.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('refuses a data file another live process holds, and changes nothing', async () => {
    const file = fileIn();
    const holder = otherProcess();
    writeFileSync(`${file}.lock`, `${holder}\n`);
    const opening = openStore({ file, flushMs: 5 });
    await expect(opening).rejects.toBeInstanceOf(DataFileInUseError);
    await expect(opening).rejects.toThrow(`the data file ${file} is in use by process ${holder}`);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${holder}\n`);
  });

  it('takes over a lock its holder left behind (a crash, kill -9), and one of this very process', async () => {
    const file = fileIn();
    writeFileSync(`${file}.lock`, `${await goneProcess()}\n`);
    const first = await openStore({ file, flushMs: 5 });
    first.put('c', 'a', { v: 1 });
    await first.flush();
    // Not closed: reopened in the same process, as after a crash.
    const second = await openStore({ file, flushMs: 5 });
    expect(second.get('c', 'a')).toEqual({ v: 1 });
    await second.close();
  });

  it('makes a second start on a held data file a usage error naming the holder', async () => {
    const file = fileIn();
    const holder = otherProcess();
    writeFileSync(`${file}.lock`, `${holder}\n`);
    const errors: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await runCli(['start', '--port', '0', '--data', file, '--patients', '50', '--log', 'error'], (t) => void errors.push(t))).toBe(2);
    expect(errors.join('')).toContain(`hie-sandbox: the data file ${file} is in use by process ${holder} (a running sandbox?): act on that sandbox with --url, stop it first, or use another --data file.`);
  });

  it('makes a command that found no sandbox at --url refuse the held file with a usage error, not change it', async () => {
    const file = fileIn();
    const seeded = await openStore({ file, flushMs: 5 });
    await seeded.close();
    const before = readFileSync(file, 'utf8');
    const holder = otherProcess();
    writeFileSync(`${file}.lock`, `${holder}\n`);
    const errors: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await runCli(['plr', 'subscribe', 'http://127.0.0.1:9/plr', '--url', 'http://127.0.0.1:9', '--data', file, '--patients', '50'], (t) => void errors.push(t));
    expect(code).toBe(2);
    expect(errors.join('')).toContain(`no sandbox answers at http://127.0.0.1:9, and the data file ${file} is in use by process ${holder}`);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('processes taking over one left-behind lock at the same instant', () => {
  /** A process that takes the lock of `file` at wall-clock `at` (ms) with the built lock module, prints won or lost, and holds on. */
  function contender(file: string, at: number): Promise<string> {
    const module = pathToFileURL(join(REPO_ROOT, 'dist/store/data-lock.js')).href;
    const script = `const m = await import(${JSON.stringify(module)}); while (Date.now() < ${at}); ` +
      `try { await m.lockDataFile(${JSON.stringify(file)}); console.log('won'); } catch (e) { console.log(e instanceof m.DataFileInUseError ? 'lost' : 'error ' + e.message); } ` +
      // Holds on until the round kills it: a winner that exited on its own (after a fixed while) left its lock to a
      // contender the loaded machine started later, which then rightly took it over, and the round saw two winners.
      'setInterval(() => {}, 1000);';
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    return new Promise((resolve) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
    });
  }

  it('lets exactly one of them have it, every time', async () => {
    // Five at once: moving the left-behind lock aside without a takeover guard let two of them in, in 6 rounds of 20
    // with six contenders and 2 of 20 with three (so this fails ~9 times in 10 without the guard).
    const gone = await goneProcess();
    for (let round = 0; round < 8; round++) {
      const file = fileIn();
      writeFileSync(`${file}.lock`, `${gone}\n`);
      const at = Date.now() + 400;
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => contender(file, at)));
      expect(outcomes.sort(), `round ${round + 1}`).toEqual(['lost', 'lost', 'lost', 'lost', 'won']);
      expect(existsSync(`${file}.lock.takeover`), 'the takeover guard is given back').toBe(false);
      for (const c of children.splice(0)) c.kill('SIGKILL');
    }
  }, 90_000);

  it('takes over a lock whose takeover guard was left behind too (a crash in the middle of a takeover)', async () => {
    const gone = await goneProcess();
    const file = fileIn();
    writeFileSync(`${file}.lock`, `${gone}\n`);
    writeFileSync(`${file}.lock.takeover`, `${gone}\n`);
    const store = await openStore({ file, flushMs: 5 });
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    expect(existsSync(`${file}.lock.takeover`)).toBe(false);
    await store.close();
  });

  it('waits for a live takeover, then refuses the lock its maker took', async () => {
    const gone = await goneProcess();
    const living = otherProcess();
    const file = fileIn();
    writeFileSync(`${file}.lock`, `${gone}\n`);
    // Another live process is in the middle of taking the lock over: it holds the guard, then its lock is made.
    writeFileSync(`${file}.lock.takeover`, `${living}\n`);
    setTimeout(() => {
      writeFileSync(`${file}.made`, `${living}\n`);
      renameSync(`${file}.made`, `${file}.lock`);
      unlinkSync(`${file}.lock.takeover`);
    }, 30);
    await expect(openStore({ file, flushMs: 5 })).rejects.toThrow(new RegExp(`in use by process ${living}`));
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${living}\n`);
  });
});

describe('a file system without hard links', () => {
  it('gets the lock created exclusively, holding the process id, and a second one refused', async () => {
    const file = fileIn();
    const whole = `${file}.whole`;
    writeFileSync(whole, `${process.pid}\n`);
    const noLinks = () => Promise.reject(Object.assign(new Error('operation not permitted'), { code: 'EPERM' }));
    await createLock(whole, `${file}.lock`, `${process.pid}\n`, noLinks);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await expect(createLock(whole, `${file}.lock`, `${process.pid}\n`, noLinks)).rejects.toMatchObject({ code: 'EEXIST' });
  });
});

describe('working files of a lock-taker killed mid-way', () => {
  it('are removed when their process is gone, and kept while it lives', async () => {
    const file = fileIn();
    const gone = await goneProcess();
    const living = otherProcess();
    const left = [`${file}.lock.new-${gone}-0123456789ab`, `${file}.lock.stale-${gone}-ba9876543210`];
    const kept = `${file}.lock.new-${living}-0123456789ab`;
    for (const f of [...left, kept]) writeFileSync(f, `${gone}\n`);
    const store = await openStore({ file, flushMs: 5 });
    expect(left.filter((f) => existsSync(f))).toEqual([]);
    expect(existsSync(kept)).toBe(true);
    await store.close();
  });
});
