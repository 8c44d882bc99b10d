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
      expect((await folders(ref)).sent).toBe('Booking Confirmed');
      const again = await session.next();
      expect(again?.status).toBe('passed');
      expect((await session.next())?.status).toBe('passed');
      expect((await folders(ref)).sent).toBe('Completed');
    } finally {
      await session.close();
    }
  });
});
