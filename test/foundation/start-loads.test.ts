// A start loads only what answering needs: the libraries of the PDF letter, fonts, certificates, SOAP, YAML
// scenarios and the WebSocket feed load when first used (start-up time is mostly module loading).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const probe = fileURLToPath(new URL('./support/start-probe.ts', import.meta.url));
const LOADED_ON_FIRST_USE = ['fast-xml-parser', 'fhirpath', 'fontkit', 'node-forge', 'pdfkit', 'ws', 'yaml'];

describe('what a start loads', () => {
  it('answers health without loading the first-use libraries, and loads the SOAP parser with the first SOAP call', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', probe], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const [started, afterSoap] = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string[]>);
    expect(started!.started).toContain('express');
    expect(started!.started.filter((p) => LOADED_ON_FIRST_USE.includes(p))).toEqual([]);
    expect(afterSoap!.afterSoap).toContain('fast-xml-parser');
  });
});
