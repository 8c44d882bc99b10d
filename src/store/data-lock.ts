// One process at a time on a data file: a lock file beside it (`<data file>.lock`, the holder's process id) taken at
// open and removed at close. Two processes writing one data file lose each other's writes; a command that found no
// sandbox answering at --url (a slow one, or one at another URL) would otherwise change the file behind it.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The data file is held by another live process. */
export class DataFileInUseError extends Error {
  constructor(
    readonly file: string,
    readonly pid: number,
  ) {
    super(
      `the data file ${file} is in use by process ${pid} (a running sandbox?): act on that sandbox with --url, stop it first, or use another --data file. ` +
        `If process ${pid} is not a sandbox, delete ${lockPathOf(file)}.`,
    );
  }
}

const lockPathOf = (file: string): string => `${file}.lock`;

/** True when a process with this id exists (one we may not signal still exists). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process id a lock file names, or undefined for a lock that names none (cut short, or not ours). */
async function holderOf(path: string): Promise<number | undefined> {
  const holder = Number.parseInt(await readFile(path, 'utf8'), 10);
  return Number.isInteger(holder) && holder > 0 ? holder : undefined;
}

/** A lock naming this process, or one whose process is gone (or that names none), may be taken over. */
const stale = (holder: number | undefined): boolean => holder === undefined || holder === process.pid || !alive(holder);

/** How many times a lock that changed hands under us is looked at again before giving up. */
const ATTEMPTS = 50;

/** How long a process waits for another one that is taking over a left-behind lock (microseconds, as a rule). */
const TAKEOVER_WAIT_MS = 5;

/**
 * Takes the lock of `file`. A lock left by a process that no longer exists (a crash, kill -9) is taken over, and so
 * is one of this very process (a store reopened without closing, as a crash test does). Throws DataFileInUseError
 * when another live process holds it.
 *
 * A lock is only ever made by a hard link to its name, which fails when the name exists, so there is never more
 * than one; and only a process holding the takeover guard (`<lock>.takeover`, made the same way) removes one, after
 * judging it left behind again while it holds the guard. Nothing else changes the name meanwhile: a live lock is
 * never removed, whoever races. (Moving a left-behind lock aside without the guard let two of four processes
 * started at one instant both take it, in 5 rounds of 30.) A guard whose holder died inside its few file calls is
 * moved aside the same way as the old locks were: only a second crash, inside that window, reopens the race.
 */
export async function lockDataFile(file: string): Promise<{ release(): Promise<void> }> {
  const path = lockPathOf(file);
  const mine = `${process.pid}\n`;
  await mkdir(dirname(resolve(file)), { recursive: true });
  await removeLeftovers(path);
  const whole = workingFile(path, 'new');
  await writeFile(whole, mine, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await createLock(whole, path, mine);
        return { release: () => releaseIfMine(path, mine) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = await holderOf(path).catch(() => 'gone' as const);
      if (holder === 'gone') continue; // released or taken over meanwhile: try again
      if (!stale(holder)) throw new DataFileInUseError(file, holder!);
      const outcome = await takeOver(path, whole, mine);
      if (outcome === 'taken') return { release: () => releaseIfMine(path, mine) };
      if (typeof outcome === 'number') throw new DataFileInUseError(file, outcome);
    }
    throw new Error(`the lock ${path} kept changing hands: ${ATTEMPTS} attempts to take it failed (a lasting ${path}.takeover may need deleting)`);
  } finally {
    await unlink(whole).catch(() => undefined);
  }
}

/**
 * Replaces the left-behind lock at `path` with this process's own, holding the takeover guard meanwhile: 'taken',
 * the id of a live process that holds the lock now, or 'again' (another process is taking it over, or took it).
 */
async function takeOver(path: string, whole: string, mine: string): Promise<'taken' | 'again' | number> {
  const guard = `${path}.takeover`;
  try {
    await createLock(whole, guard, mine);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await removeIfStale(guard);
    await new Promise((r) => setTimeout(r, TAKEOVER_WAIT_MS));
    return 'again';
  }
  try {
    const holder = await holderOf(path).catch(() => 'gone' as const);
    if (holder === 'gone') return 'again';
    if (!stale(holder)) return holder!;
    // Still left behind, and no other process may remove it while this one holds the guard.
    await unlink(path);
    try {
      await createLock(whole, path, mine);
      return 'taken';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'again'; // a new start linked its own first
      throw err;
    }
  } finally {
    await releaseIfMine(guard, mine);
  }
}

/** Removes the file at `path` when it names a process that is gone: moved aside first, so only one process does. */
async function removeIfStale(path: string): Promise<void> {
  const holder = await holderOf(path).catch(() => 'gone' as const);
  if (holder === 'gone' || !stale(holder) || holder === process.pid) return;
  const aside = workingFile(path, 'stale');
  try {
    await rename(path, aside);
  } catch {
    return; // another process moved it first
  }
  const moved = await holderOf(aside).catch(() => undefined);
  // Not the left-behind one judged (its holder had finished, and another took the name): put it back.
  if (!stale(moved)) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/**
 * Makes the lock at `path` from the whole file `whole`, failing with EEXIST when there is one. A file system without
 * hard links (some network and container mounts) gets the lock created exclusively and written after, as before:
 * there another process could, for an instant, find it empty and take it for a left-behind one.
 */
export async function createLock(whole: string, path: string, mine: string, hardLink: typeof link = link): Promise<void> {
  try {
    await hardLink(whole, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(mine);
    } finally {
      await handle.close();
    }
  }
}

/** A lock-taker's working file beside the lock: `<lock>.new-<pid>-<hex>` (the lock made whole) or `.stale-` (one moved aside). */
const workingFile = (path: string, what: 'new' | 'stale'): string => `${path}.${what}-${process.pid}-${randomBytes(6).toString('hex')}`;

/** The suffix of a working file's name after `<lock>.`; the group is its maker's process id. */
const WORKING_SUFFIX = /^(?:new|stale)-(\d{1,10})-[0-9a-f]{12}$/;

/**
 * Removes the working files of lock-takers that are gone: a process killed in the instant between making one and
 * removing it would otherwise leave it beside the data file for good.
 */
async function removeLeftovers(path: string): Promise<void> {
  const dir = dirname(resolve(path));
  const prefix = `${basename(path)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const owner = WORKING_SUFFIX.exec(name.slice(prefix.length));
    if (owner && !alive(Number(owner[1]))) await unlink(join(dir, name)).catch(() => undefined);
  }
}

/** Removes the lock only if it is still this process's own: a process that took over a lock we left must keep it. */
async function releaseIfMine(path: string, mine: string): Promise<void> {
  if ((await readFile(path, 'utf8').catch(() => '')) === mine) await unlink(path).catch(() => undefined);
}
