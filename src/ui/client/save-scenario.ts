// "Save as scenario" on the timeline: the partner's exchanges among the selected rows (or all shown) as a scenario file.
import { ApiError, post } from './api.js';
import { field, h, replace, select } from './dom.js';

interface Recording {
  id: string;
  yaml: string;
  steps: number;
  entries: string[];
  warnings: string[];
}

/** The checkbox a timeline row gets, inside its summary (a click on it does not open the row). */
export function pickBox(id: string): HTMLInputElement {
  return h('input', { type: 'checkbox', class: 'pick', 'data-id': id, title: 'select for "Save as scenario"', 'aria-label': `select exchange ${id}` });
}

/** The form under the timeline; `list` holds the rows with their pick boxes. */
export function saveScenarioPanel(list: HTMLElement, partners: string[], partner: string): HTMLElement {
  const who = select('partner', partners, partner || partners[0] || '');
  const id = h('input', { name: 'scenario-id', placeholder: 'my-flow', pattern: '[a-z0-9][a-z0-9-]{2,80}' });
  const result = h('div', { id: 'save-scenario-result' });
  const picks = () => [...list.querySelectorAll<HTMLInputElement>('input.pick')];
  const selectAll = h('button', { type: 'button', class: 'secondary', id: 'select-shown' }, 'Select all shown');
  selectAll.addEventListener('click', () => picks().forEach((p) => (p.checked = true)));
  const form = h('form', { class: 'filters', id: 'save-scenario' }, field('Partner', who), field('Scenario id', id), selectAll, h('button', { type: 'submit' }, 'Save as scenario'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const chosen = picks().filter((p) => p.checked);
    const ids = (chosen.length ? chosen : picks()).map((p) => p.dataset.id!).reverse();
    void post<Recording>('/ui/api/demo/record', { partner: who.value, ids, id: id.value.trim() || undefined }).then(
      (r) => {
        // A blob: URL this page made itself (h() lets only http(s) and relative URLs through, so it is set here).
        const link = h('a', { download: `${r.id}.yaml`, id: 'save-scenario-download' }, `Download ${r.id}.yaml`);
        link.href = URL.createObjectURL(new Blob([r.yaml], { type: 'application/yaml' }));
        replace(
          result,
          h('p', {}, `${r.steps} steps from ${r.entries.length} exchange(s) of ${who.value}. `, link, ` — replay it with hie-sandbox scenario run ${r.id}.yaml --partner ${who.value} --no-driver`),
          r.warnings.length ? h('ul', {}, r.warnings.map((w) => h('li', { class: 'muted' }, w))) : null,
          h('pre', { class: 'body' }, r.yaml),
        );
      },
      (err: unknown) => replace(result, h('p', { class: 'err', role: 'alert' }, err instanceof ApiError ? err.message : String(err))),
    );
  });
  return h('div', {}, h('p', { class: 'muted' }, 'Tick the exchanges of a session by hand (or none for every row shown) and save them as a scenario that replays it.'), form, result);
}
