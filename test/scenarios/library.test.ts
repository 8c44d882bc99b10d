import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { USE_CASES, useCaseKey } from '../../src/scenarios/conformance/use-cases.js';
import { listScenarioFiles, listScenarios } from '../../src/scenarios/index.js';

describe('the scenario library', () => {
  it('validates against the shipped JSON Schema and the runner\'s own validator', async () => {
    const schema = JSON.parse(await readFile('scenarios/schema.json', 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const files = await listScenarioFiles('scenarios');
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const ok = validate(parse(await readFile(f, 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const scenarios = await listScenarios('scenarios');
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(files.length);
  });

  it('rejects a scenario with an unknown step in the schema too', async () => {
    const schema = JSON.parse(await readFile('scenarios/schema.json', 'utf8'));
    const validate = new Ajv().compile(schema);
    expect(validate({ id: 'abc', title: 't', system: 'ocean', role: 'receiver', useCases: [{ name: 'x', list: 'receiver', priority: 'Required' }], steps: [{ wobble: 1 }] })).toBe(false);
  });

  it('covers every use case of the DRO guide and the PLR IG and every HCIM operation, with its priority, outside the demo walkthroughs', async () => {
    const scenarios = (await listScenarios('scenarios')).filter((s) => !s.tags.includes('demo'));
    const covered = new Map<string, string[]>();
    for (const s of scenarios) for (const u of s.useCases) covered.set(useCaseKey(u), [...(covered.get(useCaseKey(u)) ?? []), `${s.id}:${u.priority}`]);
    const missing = USE_CASES.filter((u) => !covered.has(useCaseKey(u))).map(useCaseKey);
    expect(missing).toEqual([]);
    for (const u of USE_CASES) for (const c of covered.get(useCaseKey(u))!) expect(c.split(':')[1], `${c} for ${useCaseKey(u)}`).toBe(u.priority);
    const known = new Set(USE_CASES.map(useCaseKey));
    const strays = [...covered.keys()].filter((k) => !known.has(k));
    expect(strays, 'scenario use cases must be named as in the seeds').toEqual([]);
  });

  it('has a Demo Day walkthrough that narrates the seed agenda and ends on a COMPLETED referral', async () => {
    const [demo] = await listScenarios('scenarios/demo/demo-day.yaml');
    const narrations = demo!.steps.flatMap((s) => (s.step.kind === 'narrate' ? [s.step.text] : []));
    for (const topic of ['Introductions', 'Overview', 'Experiences', 'Demo, part 1', 'Demo, part 2', 'Demo, part 3', 'Questions']) expect(narrations.some((n) => n.startsWith(topic)), topic).toBe(true);
    const last = demo!.steps.filter((s) => s.step.kind === 'assert').map((s) => s.step).at(-2);
    expect(JSON.stringify(last)).toContain("folders.sent = 'Completed' and folders.received = 'Completed'");
  });
});
