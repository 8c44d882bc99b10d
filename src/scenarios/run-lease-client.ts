// The runner's side of /admin/scenario-runs: wait for the sandbox, renew while running, release at the end.
import type { SandboxClient } from './sandbox-client.js';

export interface HeldLease {
  renew(): Promise<void>;
  release(): Promise<void>;
}

const POLL_MS = 250;
const MAX_WAIT_MS = 15 * 60_000;

/** Takes the sandbox's run lease, waiting (in real time) while another run holds it. */
export async function acquireRunLease(sandbox: SandboxClient, partner: string, onWait?: (holder: string) => void): Promise<HeldLease> {
  const t0 = performance.now();
  let told = false;
  for (;;) {
    const res = await sandbox.request('POST', '/admin/scenario-runs', { partner });
    if (res.status === 201) {
      const id = (res.json as { id: string }).id;
      return {
        renew: async () => void (await sandbox.request('PUT', `/admin/scenario-runs/${id}`)),
        release: async () => void (await sandbox.request('DELETE', `/admin/scenario-runs/${id}`)),
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
