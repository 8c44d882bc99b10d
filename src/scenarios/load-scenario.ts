// Reads scenario files (YAML) from disk: one file, or every *.yaml under a folder, in a stable order.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { lazyPackage } from '../lazy-package.js';
import { parseScenario, ScenarioFormatError } from './parse-scenario.js';
import type { Scenario } from './types.js';

/** Loads and validates one scenario file. Throws ScenarioFormatError naming every problem. */
/** The YAML library loads with the first scenario read, not at start. */
const yaml = lazyPackage<typeof import('yaml')>('yaml');

export async function loadScenario(file: string): Promise<Scenario> {
  const text = await readFile(file, 'utf8');
  return parseScenarioText(text, file);
}

/** Parses scenario YAML text (the dashboard and tests use this for in-memory scenarios). */
export function parseScenarioText(text: string, file = '<scenario>'): Scenario {
  let doc: unknown;
  try {
    doc = yaml().parse(text, { prettyErrors: true });
  } catch (err) {
    if (err instanceof yaml().YAMLParseError) throw new ScenarioFormatError(file, [`not valid YAML: ${err.message.split('\n')[0]}`]);
    throw err;
  }
  return parseScenario(doc, file);
}

/** What a scenario says, whichever file it was read from: scenarios with the same fingerprint run alike. */
export function scenarioFingerprint(s: Scenario): string {
  const { file: _file, ...said } = s;
  return createHash('sha256').update(JSON.stringify(said)).digest('hex');
}

/** Every scenario file under `dir` (recursively), sorted by path. */
export async function listScenarioFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

/** Loads every scenario under `dir` (or the one file `dir` names). */
export async function listScenarios(dir: string): Promise<Scenario[]> {
  const files = (await stat(dir)).isDirectory() ? await listScenarioFiles(dir) : [dir];
  const scenarios = await Promise.all(files.map(loadScenario));
  const seen = new Map<string, string>();
  for (const s of scenarios) {
    const other = seen.get(s.id);
    if (other) throw new ScenarioFormatError(s.file ?? '', [`id "${s.id}" is also used by ${other}`]);
    seen.set(s.id, s.file ?? '');
  }
  return scenarios;
}
