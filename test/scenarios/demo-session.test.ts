// The Demo Day walkthrough through the dashboard's stepper: next() to a COMPLETED referral, back() undoing steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioSession, listScenarios } from '../../src/scenarios/index.js';
import { DEFAULT_SYSTEMS } from '../../src/systems.js';
import { startListeningSandbox, type ListeningSandbox } from './support/listening-sandbox.js';

let sb: ListeningSandbox;
beforeAll(async () => void (sb = await startListeningSandbox(DEFAULT_SYSTEMS)));
afterAll(async () => sb.close());

const folders = async (ref: string) => ((await (await fetch(`${sb.url}/admin/ocean/referrals/${ref}`)).json()) as { folders: { sent: string; received: string } }).folders;

describe('Demo Day with createScenarioSession', () => {
  it('steps from the launch to a COMPLETED referral, narrating each stage, and back() undoes the completion', async () => {
    const [demo] = await listScenarios('scenarios/demo/demo-day.yaml');
    const session = createScenarioSession(demo!, sb.target());
    try {
      while ((await session.next()) !== undefined) if (session.state().failed) break;
      const state = session.state();
      expect(state.results.filter((r) => r.status !== 'passed').map((r) => `${r.index + 1} ${r.title}: ${r.message}`)).toEqual([]);
      expect(state.done).toBe(true);
      expect(state.narrations.length).toBe(demo!.steps.filter((s) => s.step.kind === 'narrate').length);
      expect(state.narration).toMatch(/^Questions and open discussion/);
      const ref = state.vars.ref as string;
      expect(await folders(ref)).toEqual({ sent: 'Completed', received: 'Completed', forwardedBy: [] });

      // Back to just before the receiving clinic completes the referral: the sandbox is as it was then.
      const completeAt = demo!.steps.findIndex((s) => s.title === 'The receiving clinic completes the referral');
      while (session.state().position > completeAt) expect(await session.back()).toBe(true);
      // Back replays the steps before from the session's one snapshot, so the referral is made anew.
      const replayed = session.state().vars.ref as string;
      expect((await folders(replayed)).sent).toBe('Booking Confirmed');
      const again = await session.next();
      expect(again?.status).toBe('passed');
      expect((await session.next())?.status).toBe('passed');
      expect((await folders(replayed)).sent).toBe('Completed');
    } finally {
      await session.close();
    }
  });
});

describe('demo mode through the dashboard\'s routes', () => {
  const demo = async (path: string, body?: unknown) => {
    const res = await fetch(`${sb.url}/ui/api/demo/${path}`, { method: body === undefined && path !== 'reset' && !path.includes('/') ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(res.status, path).toBeLessThan(300);
    return (await res.json()) as { position: number; total: number; failed: boolean; vars: Record<string, unknown> };
  };
  const snapshots = async () => ((await (await fetch(`${sb.url}/admin/snapshots`)).json()) as Array<{ name: string }>).map((x) => x.name).sort();

  it('keeps one snapshot per demo session, not one per step; Back replays to the step before; reset removes it', async () => {
    let state = await demo('session', { id: 'demo-day' });
    for (let i = 0; i < 12; i++) state = await demo('session/next', {});
    expect(state.failed).toBe(false);
    expect(await snapshots()).toEqual(['demo', 'demo-session']);
    state = await demo('session/back', {});
    state = await demo('session/back', {});
    expect([state.position, state.failed]).toEqual([10, false]);
    expect(await snapshots()).toEqual(['demo', 'demo-session']);
    state = await demo('session/next', {});
    expect([state.position, state.failed]).toEqual([11, false]);
    await demo('reset', {});
    expect(await snapshots()).toEqual(['demo']);
  });
});

