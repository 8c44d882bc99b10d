// `hie-sandbox plr subscribe|subscriptions|unsubscribe|change|changes`: PLR distributions through the admin API.
import { Argument, Option, type Command } from 'commander';
import { REGISTRY_CHANGES } from '../plr/distribution/registry-changes.js';
import { withAdmin, withTargetOptions, scopedCall, type AdminCall, type AdminFlags } from './admin-client.js';
import { emit, formatTable, withJson, type JsonFlag } from './output.js';

type Flags = AdminFlags & JsonFlag;

interface Subscription {
  id: string;
  partner: string;
  url: string;
  form: string;
  createdAt: string;
}

interface Change {
  id: string;
  seq: number;
  at: string;
  cause: { kind: string; partner?: string; description?: string };
  entities: string[];
  deliveries: string[];
}

/** Calls `/admin/plr` on the running sandbox, or on a short-lived one over the data file. */
const withPlr = <T>(flags: Flags, fn: (call: AdminCall, where: string) => Promise<T>): Promise<T> => withAdmin(flags, (call, where) => fn(scopedCall(call, '/plr'), where));
const target = (cmd: Command, access: 'reads' | 'changes' = 'changes') => withJson(withTargetOptions(cmd, access));

const subscriptionRows = (list: readonly Subscription[]) => formatTable(['ID', 'PARTNER', 'FORM', 'SINCE', 'ENDPOINT'], list.map((s) => [s.id, s.partner, s.form, s.createdAt, s.url]), 'no subscriptions');
const changeLine = (c: Change) =>
  `change ${c.seq} at ${c.at} (${c.cause.description ?? c.cause.kind}${c.cause.partner ? `, ${c.cause.partner}` : ''}): ${c.entities.join(', ')}; ${c.deliveries.length} distribution${c.deliveries.length === 1 ? '' : 's'} queued`;

export function registerPlrCommands(program: Command): void {
  const plr = program.command('plr').description('PLR distributions: subscribers and registry-side changes');
  target(
    plr
      .command('subscribe <endpoint>')
      .description('send PLR distributions for every change to this endpoint')
      .addOption(new Option('--form <form>', "transaction: a transaction Bundle sent by PUT (the PLR IG's Use Cases page); distribution: the IG's $distribution Parameters (POST)").choices(['transaction', 'distribution']).default('transaction'))
      .option('--partner <name>', 'partner that owns the subscription', 'demo'),
  ).action(async (endpoint: string, flags: Flags & { form: string; partner: string }) => {
    await withPlr(flags, async (call, where) => {
      const s = (await call('POST', '/subscriptions', { url: endpoint, form: flags.form, partner: flags.partner })) as Subscription;
      emit(flags, s, () => `subscribed ${s.url} to PLR distributions on ${where} (${s.form} form, partner ${s.partner}, id ${s.id})`);
    });
  });
  target(plr.command('subscriptions').description('list distribution subscriptions'), 'reads').action(async (flags: Flags) => {
    await withPlr(flags, async (call) => {
      const list = (await call('GET', '/subscriptions')) as Subscription[];
      emit(flags, list, () => subscriptionRows(list));
    });
  });
  target(plr.command('unsubscribe <id>').description('remove a subscription')).action(async (id: string, flags: Flags) => {
    await withPlr(flags, async (call, where) => {
      await call('DELETE', `/subscriptions/${encodeURIComponent(id)}`);
      emit(flags, { removed: id }, () => `removed subscription ${id} from ${where}`);
    });
  });
  target(
    plr
      .command('change')
      .description('a registry-side change to an IPC or IFC, distributed to every subscriber')
      .addArgument(new Argument('<id>', 'the IPC (practitioner, organization) or IFC (facility)'))
      .addArgument(new Argument('<change>', 'what happens to it').choices(REGISTRY_CHANGES))
      .option('--reason <code>', 'licence status reason code (default SUS / GS / RET)')
      .option('--family <name>', 'new surname (rename a practitioner)')
      .option('--given <name>', 'new given name (rename a practitioner)')
      .option('--name <name>', 'new name (rename an organization or location)'),
  ).action(async (id: string, change: string, flags: Flags & { reason?: string; family?: string; given?: string; name?: string }) => {
    await withPlr(flags, async (call) => {
      const c = (await call('POST', '/changes', { id, change, reason: flags.reason, family: flags.family, given: flags.given, name: flags.name })) as Change;
      emit(flags, c, () => changeLine(c));
    });
  });
  target(plr.command('changes').description('list registry changes and the distributions they caused'), 'reads').action(async (flags: Flags) => {
    await withPlr(flags, async (call) => {
      const list = (await call('GET', '/changes')) as Change[];
      emit(flags, list, () => (list.length ? list.map(changeLine).join('\n') : 'no changes yet'));
    });
  });
}
