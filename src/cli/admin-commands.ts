// `hie-sandbox reset` and `hie-sandbox partner add|list`.
import type { Command } from 'commander';
import type { Partner } from '../partners/index.js';
import { withAdmin, withTargetOptions, type AdminFlags } from './admin-client.js';

export function registerAdminCommands(program: Command): void {
  withTargetOptions(program.command('reset').description('return the sandbox to its seeded state (named snapshots are kept)')).action(async (flags: AdminFlags) => {
    await withAdmin(flags, async (call, where) => {
      await call('POST', '/reset');
      process.stdout.write(`reset ${where} to its seeded state\n`);
    });
  });

  const partner = program.command('partner').description('connected organizations and their credentials');
  withTargetOptions(partner.command('add <name>').description('add a partner with generated client credentials and a user')).action(
    async (name: string, flags: AdminFlags) => {
      await withAdmin(flags, async (call, where) => {
        const p = (await call('POST', '/partners', { name })) as Partner;
        const lines = [`added partner "${p.name}" to ${where}`, `  client_id     ${p.clientId}`, `  client_secret ${p.clientSecret}`];
        for (const u of p.users) lines.push(`  user          ${u.username} / ${u.password}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    },
  );
  withTargetOptions(partner.command('list').description('list partners').option('--json', 'print JSON')).action(async (flags: AdminFlags & { json?: boolean }) => {
    await withAdmin(flags, async (call) => {
      const list = (await call('GET', '/partners')) as Partner[];
      if (flags.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else for (const p of list) process.stdout.write(`${p.name.padEnd(20)} client_id ${p.clientId}  users ${p.users.map((u) => u.username).join(', ')}\n`);
    });
  });
}
