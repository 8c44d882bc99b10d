// Admin: the declared fault seams, arming a fault at one, and the armed faults with their firings.
import { del, get, post } from '../api.js';
import { field, h, replace, select, table } from '../dom.js';
import { act, confirmButton, loadInto, refreshOnActivity, section, when, type Page, type PageContext } from '../page.js';
import type { FaultRule, Partner, Seam } from '../types.js';

function effectText(r: FaultRule): string {
  const e = r.effect;
  if (e.kind === 'status') return `HTTP ${e.status}`;
  if (e.kind === 'latency') return `${e.ms} ms latency`;
  return e.kind;
}

async function render(ctx: PageContext): Promise<void> {
  const seams = await get<Seam[]>('/admin/faults/seams');
  const armed = h('div', {});
  const seam = select('seam', seams.map((s) => [s.seam, s.seam]), ctx.params.get('seam') ?? seams[0]?.seam ?? '');
  const kind = select('kind', [['status', 'HTTP status'], ['drop', 'drop the connection'], ['latency', 'latency'], ['malformed', 'malformed body']], 'status');
  const status = h('input', { name: 'status', type: 'number', min: 100, max: 599, value: 500 });
  const ms = h('input', { name: 'ms', type: 'number', min: 0, max: 120000, value: 2000 });
  const times = h('input', { name: 'times', type: 'number', min: 1, placeholder: 'until cleared' });
  const partner = select('partner', [['', 'any partner'], ...(await get<Partner[]>('/admin/partners')).map((x): [string, string] => [x.name, x.name])]);
  const statusField = field('Status', status);
  const msField = field('Latency (ms)', ms);
  // Only the number the chosen effect uses is shown.
  const showEffectFields = () => {
    statusField.hidden = kind.value !== 'status';
    msField.hidden = kind.value !== 'latency';
  };
  kind.addEventListener('change', showEffectFields);
  showEffectFields();
  const form = h(
    'form',
    { class: 'inline', id: 'fault-form' },
    field('Seam', seam),
    field('Effect', kind),
    statusField,
    msField,
    field('Times', times),
    field('Partner', partner),
    h('button', { type: 'submit' }, 'Arm fault'),
  );
  const load = (): Promise<void> =>
    loadInto(armed, async () => {
      const rules = await get<FaultRule[]>('/admin/faults');
      return h(
        'div',
        {},
        table(
          ['Seam', 'Effect', 'Partner', 'Remaining', 'Fired', 'Armed at', ''],
          rules.map((r) => [
            h('code', {}, r.seam),
            effectText(r),
            r.partner ?? 'any',
            r.remaining === undefined ? 'until cleared' : String(r.remaining),
            String(r.fired),
            when(r.createdAt),
            h('button', { type: 'button', class: 'secondary', onclick: () => void act(ctx, 'Fault cleared', () => del(`/admin/faults/${encodeURIComponent(r.id)}`)).then(load) }, 'Clear'),
          ]),
          { id: 'armed-faults' },
        ),
        rules.length ? confirmButton('Clear all faults', 'Click again to clear all', () => act(ctx, 'All faults cleared', () => del('/admin/faults')).then(load)) : null,
      );
    });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const effect = kind.value === 'status' ? { kind: 'status', status: Number(status.value) } : kind.value === 'latency' ? { kind: 'latency', ms: Number(ms.value) } : { kind: kind.value };
    const body = { seam: seam.value, effect, times: times.value ? Number(times.value) : undefined, partner: partner.value || undefined };
    void act(ctx, `Fault armed at ${seam.value}`, () => post('/admin/faults', body)).then(load);
  });
  replace(
    ctx.root,
    h('h1', {}, 'Faults'),
    section('Armed faults', armed),
    section('Arm a fault', form),
    section('Seams', table(['Seam', 'Where it fires'], seams.map((s) => [h('code', {}, s.seam), s.description]), { id: 'seams' })),
  );
  // Watching before the first load: a change while it loads is shown too.
  refreshOnActivity(ctx, load);
  await load();
}

export const faultsPage: Page = { path: 'faults', title: 'Faults', group: 'Admin', render };
