// Admin: partners and their credentials (client id/secret for the token endpoint, users for the UserId header).
import { get, post } from '../api.js';
import { field, h, replace, table } from '../dom.js';
import { act, loadInto, section, when, type Page, type PageContext } from '../page.js';
import type { Partner } from '../types.js';

/** A secret shown masked until clicked. */
export function secret(value: string): HTMLElement {
  const code = h('code', { class: 'secret' }, '••••••••');
  const b = h('button', { type: 'button', class: 'link' }, 'show');
  b.addEventListener('click', () => {
    const shown = code.textContent === value;
    code.textContent = shown ? '••••••••' : value;
    b.textContent = shown ? 'show' : 'hide';
  });
  return h('span', {}, code, ' ', b);
}

async function render(ctx: PageContext): Promise<void> {
  const list = h('div', {});
  const name = h('input', { name: 'name', required: true, placeholder: 'e.g. acme-emr', pattern: '[a-z0-9][a-z0-9-]{1,39}' });
  const clientId = h('input', { name: 'clientId', placeholder: 'default: <name>-pos' });
  const form = h('form', { class: 'inline', id: 'partner-form' }, field('Name', name), field('Client id', clientId), h('button', { type: 'submit' }, 'Add partner'));
  const load = () =>
    loadInto(list, async () => {
      // The list hides secrets: each partner's credentials come from its own record.
      const partners = await Promise.all((await get<Partner[]>('/admin/partners')).map((p) => get<Partner>(`/admin/partners/${encodeURIComponent(p.name)}`)));
      return table(
        ['Partner', 'Client id', 'Client secret', 'Users', 'Audiences', 'Created'],
        partners.map((p) => [
          h('strong', {}, p.name),
          h('code', {}, p.clientId),
          secret(p.clientSecret),
          p.users.map((u) => h('div', {}, h('code', {}, u.username), ' ', secret(u.password))),
          p.audiences.join(', '),
          when(p.createdAt),
        ]),
        { id: 'partners' },
      );
    });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void act(ctx, `Partner ${name.value} added`, () => post('/admin/partners', { name: name.value.trim(), clientId: clientId.value.trim() || undefined })).then((ok) => {
      if (ok) form.reset();
      return load();
    });
  });
  replace(ctx.root, h('h1', {}, 'Partners'), section('Partners and their credentials', list), section('Add a partner', form));
  await load();
}

export const partnersPage: Page = { path: 'partners', title: 'Partners', group: 'Admin', render };
