// One CLI voice: text for people, --json on every command that prints data, errors in the user's terms, columns
// that line up, and options that mean something for the command that offers them.
import type { Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgram, runCli } from '../../src/cli/program.js';

let dir: string;
let data: string;
let out: string;
let err: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hie-cli-voice-'));
  data = join(dir, 'sandbox.json');
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const NOBODY = 'http://127.0.0.1:9';
const onFile = () => ['--url', NOBODY, '--data', data, '--patients', '50'];

/** Every leaf command, by its full name (`plr subscriptions`). */
function leaves(cmd: Command, prefix = ''): Array<{ name: string; cmd: Command }> {
  return cmd.commands.flatMap((c) => {
    const name = `${prefix}${c.name()}`;
    return c.commands.length ? leaves(c, `${name} `) : [{ name, cmd: c }];
  });
}

/** Commands that print no data set of their own: they start, write files or reports, or print a document. */
const NO_DATA = new Set(['start', 'seed', 'reset', 'scenario run', 'conformance', 'openapi', 'scenario record', 'ocean issuer add', 'ocean issuer remove', 'partner cert']);

/** Where each column of a table starts, read off its header line. */
const columnStarts = (header: string) => [...header.matchAll(/(?:^|\s{2,})(\S)/g)].map((m) => m.index! + m[0].length - 1);

describe('the CLI voice', () => {
  it('offers --json on every command that prints data', () => {
    const missing = leaves(createProgram())
      .filter((l) => !NO_DATA.has(l.name))
      .filter((l) => !l.cmd.options.some((o) => o.long === '--json'))
      .map((l) => l.name);
    expect(missing).toEqual([]);
  });

  it('offers --ephemeral only to start, and tells a read-only command that it reads the data file', () => {
    const withEphemeral = leaves(createProgram())
      .filter((l) => l.cmd.options.some((o) => o.long === '--ephemeral'))
      .map((l) => l.name);
    expect(withEphemeral).toEqual(['start']);
    const help = (name: string) => leaves(createProgram()).find((l) => l.name === name)!.cmd.options.find((o) => o.long === '--url')!.description;
    expect(help('plr subscriptions')).toContain('else the data file is read');
    expect(help('ocean sites')).toContain('else the data file is read');
    expect(help('reset')).toContain('else the data file is changed');
  });

  it('refuses an unknown registry change in CLI terms, with the choices, and changes nothing', async () => {
    expect(await runCli(['plr', 'change', 'IPC.00100001.BC.PRS', 'explode', ...onFile()])).toBe(2);
    expect(err).toContain("'explode' is invalid for argument 'change'");
    expect(err).toContain('suspend, reinstate, inactivate, rename, touch');
    expect(err).not.toMatch(/send \{|"id"/);
  });

  it('prints PLR subscriptions and changes as text, and as JSON with --json', async () => {
    expect(await runCli(['plr', 'subscribe', 'http://127.0.0.1:9/plr', ...onFile()])).toBe(0);
    expect(out).toMatch(/^subscribed http:\/\/127\.0\.0\.1:9\/plr to PLR distributions on the data file .* \(transaction form, partner demo, id [0-9a-f-]{36}\)\n$/);
    out = '';
    expect(await runCli(['plr', 'change', 'IPC.00100001.BC.PRS', 'suspend', ...onFile()])).toBe(0);
    expect(out).toMatch(/^change 1 at .*: IPC\.00100001\.BC\.PRS; 1 distribution queued\n$/);
    out = '';
    expect(await runCli(['plr', 'subscriptions', ...onFile()])).toBe(0);
    const [header, row] = out.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+PARTNER\s+FORM\s+SINCE\s+ENDPOINT$/);
    expect(row!.slice(columnStarts(header!)[1]!)).toMatch(/^demo\s+transaction/);
    out = '';
    expect(await runCli(['plr', 'changes', '--json', ...onFile()])).toBe(0);
    expect(JSON.parse(out)).toEqual([expect.objectContaining({ seq: 1, entities: ['IPC.00100001.BC.PRS'] })]);
  });

  it('lines up the columns of Ocean sites whatever the length of a site name', async () => {
    expect(await runCli(['ocean', 'sites', ...onFile()])).toBe(0);
    const [header, ...rows] = out.trimEnd().split('\n');
    const starts = columnStarts(header!);
    expect(starts).toHaveLength(4);
    for (const row of rows) for (const start of starts.slice(1)) expect(row[start - 1], row).toBe(' ');
    for (const row of rows) expect(row.slice(starts[2]!)).toMatch(/^ocean-site-\d+/);
  });
});
