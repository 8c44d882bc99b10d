// One process at a time on a data file: a lock file beside it (`<data file>.lock`, the holder's process id) taken at
// open and removed at close. Two processes writing one data file lose each other's writes; a command that found no
// sandbox answering at --url (a slow one, or one at another URL) would otherwise change the file behind it.
import { mkdir, open, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

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

/**
 * Takes the lock of `file`. A lock left by a process that no longer exists (a crash, kill -9) is taken over, and so
 * is one of this very process (a store reopened without closing, as a crash test does). Throws DataFileInUseError
 * when another live process holds it.
 */
export async function lockDataFile(file: string): Promise<{ release(): Promise<void> }> {
  const path = lockPathOf(file);
  const mine = `${process.pid}\n`;
  await mkdir(dirname(resolve(file)), { recursive: true });
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(mine);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw new DataFileInUseError(file, holder);
    await writeFile(path, mine, { mode: 0o600 });
  }
  return {
    async release() {
      // Only our own lock: a process that took over a lock we left must keep it.
      if ((await readFile(path, 'utf8').catch(() => '')) === mine) await unlink(path).catch(() => undefined);
    },
  };
}
