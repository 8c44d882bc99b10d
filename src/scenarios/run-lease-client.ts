// The runner's side of /admin/scenario-runs: wait for the sandbox, renew while running, release at the end.
import type { SandboxClient } from './sandbox-client.js';

export interface HeldLease {
  /**
   * Renews the lease now; rejects when the sandbox no longer holds it, now or at a renewal in between (it restarted,
   * or the lease lapsed and another run may have taken the sandbox): what the run saw since is not its own.
   */
  renew(): Promise<void>;
  release(): Promise<void>;
}

const POLL_MS = 250;
const MAX_WAIT_MS = 15 * 60_000;
/** The sandbox lets a lease lapse after 2 minutes without a renewal (run-lease-routes.ts): renewed well within that. */
const RENEW_EVERY_MS = 30_000;

/** Takes the sandbox's run lease, waiting (in real time) while another run holds it, and renews it in the background until released. */
export async function acquireRunLease(sandbox: SandboxClient, partner: string, onWait?: (holder: string) => void, options: { renewEveryMs?: number } = {}): Promise<HeldLease> {
  const every = options.renewEveryMs ?? RENEW_EVERY_MS;
  const t0 = performance.now();
  let told = false;
  for (;;) {
    const res = await sandbox.request('POST', '/admin/scenario-runs', { partner });
    if (res.status === 201) {
      const id = (res.json as { id: string }).id;
      let lost: string | undefined;
      let last = performance.now();
      const put = async () => {
        const answer = await sandbox.request('PUT', `/admin/scenario-runs/${id}`);
        if (answer.status === 404) {
          lost ??= `the sandbox no longer holds this run's lease (it restarted, or the run went ${Math.round((performance.now() - last) / 1000)} s without renewing it): another run may have moved its clock or restored its snapshots; run again`;
        } else last = performance.now();
      };
      // A scenario can outlast the lease (expect steps wait in real time); an unanswered renewal is tried again.
      const timer = setInterval(() => void put().catch(() => undefined), every);
      timer.unref();
      return {
        async renew() {
          if (!lost) await put();
          if (lost) throw new Error(lost);
        },
        async release() {
          clearInterval(timer);
          await sandbox.request('DELETE', `/admin/scenario-runs/${id}`);
        },
      };
    }
    // A sandbox without the lease route (an older build) runs one run at a time by hand.
    if (res.status === 404) return { renew: async () => undefined, release: async () => undefined };
    const holder = (res.json as { issue?: Array<{ diagnostics?: string }> } | undefined)?.issue?.[0]?.diagnostics ?? `HTTP ${res.status}`;
    if (res.status !== 409) throw new Error(`the sandbox refused a scenario run: ${holder}`);
    if (performance.now() - t0 > MAX_WAIT_MS) throw new Error(`waited ${MAX_WAIT_MS / 60_000} minutes for the sandbox: ${holder}`);
    if (!told) onWait?.(holder), (told = true);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
