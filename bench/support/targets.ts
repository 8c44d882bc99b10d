// Fresh processes for the throughput benchmark: spawned, awaited until they answer 200, stopped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Target {
  url: string;
  /** The process id (its CPU time is read from /proc). */
  pid: number;
  /** Milliseconds from spawn to the first 200. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawns `node args` with PORT set and waits (up to `timeoutMs`) for a 200 on `readyPath`. */
export async function spawnTarget(args: string[], port: number, readyPath: string, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<Target> {
  const t0 = performance.now();
  // Something already answering there would pass for the target (whose own listen then fails): refuse at once.
  const taken = await fetch(`http://127.0.0.1:${port}${readyPath}`).then((r) => r.arrayBuffer().then(() => true), () => false);
  if (taken) throw new Error(`port ${port} is already answering: another benchmark may be running (pass --port)`);
  const child: ChildProcess = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${url}${readyPath}`);
      await res.arrayBuffer();
      if (res.status === 200) return { url, pid: child.pid!, readyMs: performance.now() - t0, stop };
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`no 200 from ${args.join(' ')} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}
