// `hie-sandbox reset` and `hie-sandbox partner add|list`.
import type { Command } from 'commander';
import type { Partner } from '../partners/index.js';
import { withAdmin, withTargetOptions, type AdminFlags } from './admin-client.js';
import { emit, formatTable, withJson, type JsonFlag } from './output.js';

export function registerAdminCommands(program: Command): void {
  withTargetOptions(program.command('reset').description('return the sandbox to its seeded state (named snapshots are kept)')).action(async (flags: AdminFlags) => {
    await withAdmin(flags, async (call, where) => {
      await call('POST', '/reset');
      process.stdout.write(`reset ${where} to its seeded state\n`);
    });
  });

  const partner = program.command('partner').description('connected organizations and their credentials');
  withJson(withTargetOptions(partner.command('add <name>').description('add a partner with generated client credentials and a user'))).action(
    async (name: string, flags: AdminFlags & JsonFlag) => {
      await withAdmin(flags, async (call, where) => {
        const p = (await call('POST', '/partners', { name })) as Partner;
        emit(flags, p, () =>
          [`added partner "${p.name}" to ${where}`, formatTable(undefined, [['  client_id', p.clientId], ['  client_secret', p.clientSecret], ...p.users.map((u) => ['  user', `${u.username} / ${u.password}`])])].join('\n'),
        );
      });
    },
  );
  withJson(withTargetOptions(partner.command('list').description('list partners'), 'reads')).action(async (flags: AdminFlags & JsonFlag) => {
    await withAdmin(flags, async (call) => {
      const list = (await call('GET', '/partners')) as Partner[];
      emit(flags, list, () => formatTable(['PARTNER', 'CLIENT ID', 'USERS'], list.map((p) => [p.name, p.clientId, p.users.map((u) => u.username).join(', ')]), 'no partners'));
    });
  });
}
