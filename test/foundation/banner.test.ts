// The start banner lists every URL of the README's "URLs a POS configures" table.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { banner } from '../../src/cli/start-command.js';
import type { RunningSandbox } from '../../src/main.js';
import { startTestSandboxOnSocket } from '../support/sandbox.js';

/** The URL column of the README's table: the first code span of each row's last cell. */
function readmeUrls(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split('## URLs a POS configures')[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| What') && !l.startsWith('| ---'))
    .map((l) => /`([^`]+)`/.exec(l.slice(l.lastIndexOf(' | ')))![1]!);
}

describe('the start banner', () => {
  let running: RunningSandbox;
  beforeAll(async () => void (running = await startTestSandboxOnSocket()));
  afterAll(async () => running?.stop());

  it('reads the README table (at least the 16 URLs a POS configures)', () => {
    expect(readmeUrls().length).toBeGreaterThanOrEqual(16);
  });

  it('prints every URL of the README table against the running base URL', () => {
    const text = banner(running);
    const port = new URL(running.url).port;
    const missing = readmeUrls()
      .map((u) => (u.startsWith('ws://') ? u.replace(':8900', `:${port}`) : `${running.url}${u}`))
      .filter((u) => !text.includes(u));
    expect(missing).toEqual([]);
  });

  it('names the SMART launch URL, OIDC discovery, JWKS and the receiving POS webhook on their own rows', () => {
    const text = banner(running);
    for (const label of ['Ocean SMART launch URL', 'OIDC discovery', 'JWKS', 'Reference receiving POS']) expect(text).toMatch(new RegExp(`^  ${label}.* http://127\\.0\\.0\\.1:\\d+/`, 'm'));
  });
});
