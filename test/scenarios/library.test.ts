import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
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
});
