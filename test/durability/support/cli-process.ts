// Starts the real CLI (`hie-sandbox start`) on a data file and port 0, and kills it as a crash would.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI_ENTRY, REPO_ROOT } from '../../support/cli-entry.js';

export interface CliProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL: no handler runs, nothing is flushed. */
  crash(): Promise<void>;
  /** SIGTERM; resolves with the exit code and how long the stop took (ms). */
  stop(): Promise<{ code: number | null; ms: number }>;
}

export async function startCli(data: string, extra: string[] = []): Promise<CliProcess> {
  const child = spawn(process.execPath, [CLI_ENTRY, 'start', '--port', '0', '--data', data, '--patients', '50', '--practitioners', '4', '--log', 'error', ...extra], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('Demo partner')) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`the sandbox exited (${code}) before its banner: ${err.slice(-2000)}`)));
  });
  return {
    url,
    child,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      const t0 = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      return { code, ms: performance.now() - t0 };
    },
  };
}
