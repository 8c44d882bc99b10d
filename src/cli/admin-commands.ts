// `hie-sandbox reset` and `hie-sandbox partner add|list`.
import type { Command } from 'commander';
import { DEFAULT_PORT } from '../config.js';
import { configFromFlags, type SandboxFlags } from './options.js';
import { addSandboxOptions } from './start-command.js';
import { openTarget, type AdminTarget } from './target.js';

const DEFAULT_URL = `http://127.0.0.1:${DEFAULT_PORT}`;

function withTarget(cmd: Command): Command {
  return addSandboxOptions(cmd.option('--url <url>', 'a running sandbox to act on (else the data file is changed)', DEFAULT_URL));
}

async function run<T>(flags: SandboxFlags & { url: string }, fn: (t: AdminTarget) => Promise<T>): Promise<T> {
  const target = await openTarget(flags.url.replace(/\/$/, ''), configFromFlags(flags, process.env));
  try {
    return await fn(target);
  } finally {
    await target.close();
  }
}

export function registerAdminCommands(program: Command): void {
  withTarget(program.command('reset').description('return the sandbox to its seeded state (named snapshots are kept)')).action(
    async (flags: SandboxFlags & { url: string }) => {
      await run(flags, async (t) => {
        await t.reset();
        process.stdout.write(`reset ${t.description} to its seeded state\n`);
      });
    },
  );

  const partner = program.command('partner').description('connected organizations and their credentials');
  withTarget(partner.command('add <name>').description('add a partner with generated client credentials and a user')).action(
    async (name: string, flags: SandboxFlags & { url: string }) => {
      await run(flags, async (t) => {
        const p = await t.addPartner(name);
        process.stdout.write(
          [`added partner "${p.name}" to ${t.description}`, `  client_id     ${p.clientId}`, `  client_secret ${p.clientSecret}`, ...p.users.map((u) => `  user          ${u.username} / ${u.password}`), ''].join('\n'),
        );
      });
    },
  );
  withTarget(partner.command('list').description('list partners').option('--json', 'print JSON')).action(
    async (flags: SandboxFlags & { url: string; json?: boolean }) => {
      await run(flags, async (t) => {
        const list = await t.listPartners();
        if (flags.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        else for (const p of list) process.stdout.write(`${p.name.padEnd(20)} client_id ${p.clientId}  users ${p.users.map((u) => u.username).join(', ')}\n`);
      });
    },
  );
}
