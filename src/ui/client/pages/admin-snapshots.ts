// Admin: named snapshots of the store (save, restore, delete) and the full reset to the seeded state.
import { del, get, post } from '../api.js';
import { field, h, replace, table } from '../dom.js';
import { act, confirmButton, loadInto, section, when, type Page, type PageContext } from '../page.js';

interface SnapshotInfo {
  name: string;
  at?: string;
  createdAt?: string;
}

async function render(ctx: PageContext): Promise<void> {
  const list = h('div', {});
  const load = (): Promise<void> =>
    loadInto(list, async () => {
      const snaps = await get<SnapshotInfo[]>('/admin/snapshots');
      return table(
        ['Snapshot', 'Taken at', ''],
        snaps.map((s) => [
          h('strong', {}, s.name),
          when(s.at ?? s.createdAt),
          h(
            'span',
            { class: 'buttons' },
            h('button', { type: 'button', 'data-restore': s.name, onclick: () => void act(ctx, `Snapshot ${s.name} restored`, () => post(`/admin/snapshots/${encodeURIComponent(s.name)}/restore`)) }, 'Restore'),
            confirmButton('Delete', 'Click again to delete', () => act(ctx, `Snapshot ${s.name} deleted`, () => del(`/admin/snapshots/${encodeURIComponent(s.name)}`)).then(load)),
          ),
        ]),
        { id: 'snapshots' },
      );
    });
  const name = h('input', { name: 'name', required: true, placeholder: 'e.g. before-demo', pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}' });
  const form = h('form', { class: 'inline', id: 'snapshot-form' }, field('Name', name), h('button', { type: 'submit' }, 'Take snapshot'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void act(ctx, `Snapshot ${name.value} taken`, () => post('/admin/snapshots', { name: name.value.trim() })).then(load);
  });
  replace(
    ctx.root,
    h('h1', {}, 'Snapshots and reset'),
    section('Snapshots', list, form),
    section(
      'Reset',
      h('p', {}, 'Clears every change (referrals, registry updates, deliveries, armed faults) and writes the seeded state again. Snapshots are kept.'),
      confirmButton('Reset the sandbox', 'Click again to reset', () => act(ctx, 'Sandbox reset', () => post('/admin/reset')).then(load), { id: 'reset' }),
    ),
  );
  await load();
}

export const snapshotsPage: Page = { path: 'snapshots', title: 'Snapshots & reset', group: 'Admin', render };
