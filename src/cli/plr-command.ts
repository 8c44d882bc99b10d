// `hie-sandbox plr subscribe|subscriptions|unsubscribe|change|changes`: PLR distributions through the admin API.
import { Option, type Command } from 'commander';
import { withAdmin, withTargetOptions, scopedCall, type AdminCall, type AdminFlags } from './admin-client.js';
import { UsageError } from './errors.js';

type Flags = AdminFlags;

/** Calls `/admin/plr` on the running sandbox, or on a short-lived one over the data file. */
const withPlr = <T>(flags: Flags, fn: (call: AdminCall) => Promise<T>): Promise<T> => withAdmin(flags, (call) => fn(scopedCall(call, '/plr')));
const target = withTargetOptions;
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export function registerPlrCommands(program: Command): void {
  const plr = program.command('plr').description('PLR distributions: subscribers and registry-side changes');
  target(
    plr
      .command('subscribe <endpoint>')
      .description('send PLR distributions for every change to this endpoint')
      .addOption(new Option('--form <form>', "transaction: a transaction Bundle sent by PUT (the PLR IG's Use Cases page); distribution: the IG's $distribution Parameters (POST)").choices(['transaction', 'distribution']).default('transaction'))
      .option('--partner <name>', 'partner that owns the subscription', 'demo'),
  ).action(async (endpoint: string, flags: Flags & { form: string; partner: string }) => {
    await withPlr(flags, async (call) => print(await call('POST', '/subscriptions', { url: endpoint, form: flags.form, partner: flags.partner })));
  });
  target(plr.command('subscriptions').description('list distribution subscriptions')).action(async (flags: Flags) => {
    await withPlr(flags, async (call) => print(await call('GET', '/subscriptions')));
  });
  target(plr.command('unsubscribe <id>').description('remove a subscription')).action(async (id: string, flags: Flags) => {
    await withPlr(flags, async (call) => {
      await call('DELETE', `/subscriptions/${encodeURIComponent(id)}`);
      process.stdout.write(`removed subscription ${id}\n`);
    });
  });
  target(
    plr
      .command('change <id> <change>')
      .description('a registry-side change (suspend, reinstate, inactivate, rename, touch) to an IPC or IFC; distributes it')
      .option('--reason <code>', 'licence status reason code (default SUS / GS / RET)')
      .option('--family <name>', 'new surname (rename a practitioner)')
      .option('--given <name>', 'new given name (rename a practitioner)')
      .option('--name <name>', 'new name (rename an organization or location)'),
  ).action(async (id: string, change: string, flags: Flags & { reason?: string; family?: string; given?: string; name?: string }) => {
    await withPlr(flags, async (call) => print(await call('POST', '/changes', { id, change, reason: flags.reason, family: flags.family, given: flags.given, name: flags.name })));
  });
  target(plr.command('changes').description('list registry changes and the distributions they caused')).action(async (flags: Flags) => {
    await withPlr(flags, async (call) => print(await call('GET', '/changes')));
  });
}
