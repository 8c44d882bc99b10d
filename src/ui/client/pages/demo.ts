// Demo mode: pick a scenario, step through it with its narration (Next/Back), watch the timeline and the referral move.
import { get, post, qs } from '../api.js';
import { loadDirectory, referralPanel } from '../demo-referral-panel.js';
import { field, h, replace } from '../dom.js';
import { historyThenLive } from '../live-history.js';
import { act, confirmButton, refreshOnActivity, section, type Page, type PageContext } from '../page.js';
import type { JournalEntry } from '../types.js';
import { entryRow } from './timeline.js';

interface ScenarioInfo {
  id: string;
  title: string;
  role?: string;
  steps: number;
}

/** The scenario picker, grouped by role (demo scenarios first). */
function scenarioPicker(scenarios: ScenarioInfo[], value: string): HTMLSelectElement {
  const groups = new Map<string, ScenarioInfo[]>();
  for (const s of [...scenarios].sort((a, b) => Number(b.id.startsWith('demo')) - Number(a.id.startsWith('demo')))) {
    const g = s.id.startsWith('demo') ? 'demo' : (s.role ?? 'other');
    groups.set(g, [...(groups.get(g) ?? []), s]);
  }
  const pick = h(
    'select',
    { name: 'scenario' },
    [...groups].map(([g, list]) => h('optgroup', { label: g }, list.map((s) => h('option', { value: s.id }, `${s.title} (${s.steps} steps)`)))),
  );
  if (scenarios.some((s) => s.id === value)) pick.value = value;
  return pick;
}

interface StepResult {
  index: number;
  title: string;
  kind: string;
  status: string;
  message: string;
  diff?: string;
  narration?: string;
}

interface DemoState {
  active: boolean;
  scenarioId?: string;
  title?: string;
  position?: number;
  total?: number;
  done?: boolean;
  failed?: boolean;
  narration?: string;
  results?: StepResult[];
  steps?: Array<{ index: number; kind: string; title: string }>;
  clock?: string;
}

function stepsView(s: DemoState): HTMLElement {
  const results = s.results ?? [];
  return h(
    'ol',
    { class: 'steps', id: 'demo-steps' },
    (s.steps ?? []).map((st, i) => {
      const r = results[i];
      const cls = r ? (r.status === 'passed' || r.status === 'skipped' ? 'done' : 'failed') : i === results.length ? 'current' : '';
      // Narration steps read as the script's text; other steps show their title and outcome.
      if (st.kind === 'narrate') return h('li', { class: `step narrate ${cls}`, 'data-status': r?.status ?? 'todo' }, r?.narration ?? r?.message ?? 'Narration');
      return h('li', { class: `step ${cls}`, 'data-status': r?.status ?? 'todo' }, `${st.title}`, r ? h('span', { class: 'muted' }, ` — ${r.status}: ${r.message}`) : null, r?.diff ? h('pre', { class: 'body' }, r.diff) : null);
    }),
  );
}

async function render(ctx: PageContext): Promise<void> {
  const scenarios = await get<ScenarioInfo[]>('/ui/api/demo/scenarios');
  const pick = scenarioPicker(scenarios, ctx.params.get('scenario') ?? '');
  const dir = await loadDirectory();
  const panel = h('div', { id: 'demo-session' });
  const referral = h('div', {});
  const feed = h('div', { class: 'timeline', id: 'demo-timeline' });
  const draw = (s: DemoState) => {
    if (!s.active) return replace(panel, h('p', { class: 'muted' }, 'Pick a scenario and press Start.'));
    const lastStep = s.results?.at(-1);
    const next = h('button', { type: 'button', id: 'demo-next', disabled: Boolean(s.done) }, 'Next ▶');
    const back = h('button', { type: 'button', class: 'secondary', id: 'demo-back', disabled: !s.position }, '◀ Back');
    const step = (path: string) => async () => {
      next.disabled = back.disabled = true;
      await act(ctx, path === 'next' ? 'Step run' : 'Step undone', async () => draw(await post<DemoState>(`/ui/api/demo/session/${path}`)));
      await refreshReferral();
    };
    next.addEventListener('click', () => void step('next')());
    back.addEventListener('click', () => void step('back')());
    replace(
      panel,
      h('h3', {}, s.title ?? '', ' ', h('span', { class: 'muted', id: 'demo-progress' }, `step ${s.position}/${s.total}${s.done ? ' · finished' : ''}${s.failed ? ' · a step failed' : ''}`)),
      h('div', { class: 'narration', id: 'demo-narration' }, s.narration ?? 'Press Next to begin.'),
      lastStep ? h('p', { class: `last-step ${lastStep.status}`, id: 'demo-last-step' }, h('strong', {}, `Step ${lastStep.index + 1}: ${lastStep.title}`), ` — ${lastStep.status}: ${lastStep.message}`) : null,
      h('div', { class: 'buttons' }, back, next),
      stepsView(s),
    );
    panel.querySelector('#demo-steps .current')?.scrollIntoView({ block: 'nearest' });
  };
  const refreshReferral = async () => replace(referral, await referralPanel(dir, ctx.go));
  const start = h('button', { type: 'button', id: 'demo-start' }, 'Start');
  start.addEventListener('click', () => void act(ctx, 'Scenario loaded', async () => draw(await post<DemoState>('/ui/api/demo/session', { id: pick.value }))));
  const reset = confirmButton('Reset to the demo snapshot', 'Click again to reset', () =>
    act(ctx, 'Demo snapshot restored', async () => {
      draw(await post<DemoState>('/ui/api/demo/reset'));
      replace(feed);
      await refreshReferral();
    }),
    { id: 'demo-reset' },
  );
  replace(
    ctx.root,
    h('h1', {}, 'Demo mode'),
    h('div', { class: 'filters demo-bar' }, field('Scenario', pick), start, reset),
    scenarios.length ? null : h('p', { class: 'error' }, 'No scenarios found in scenarios/.'),
    h('div', { class: 'grid2' }, section('Script', panel), h('div', {}, section('Referral and portal folders', referral), section('Timeline', feed))),
  );
  // Watching before the first loads: a change while they load is shown too.
  refreshOnActivity(ctx, refreshReferral, 400);
  draw(await get<DemoState>('/ui/api/demo/session'));
  await refreshReferral();
  const show = (e: JournalEntry) => {
    feed.insertBefore(entryRow(e, (v) => ctx.go(`#/timeline?correlation=${encodeURIComponent(v)}`)), feed.firstChild);
    while (feed.childElementCount > 40) feed.lastElementChild?.remove();
  };
  const recent = () => get<JournalEntry[]>(`/admin/journal${qs({ limit: 15 })}`).catch(() => []);
  ctx.onLeave(await historyThenLive(ctx.feed, recent, (past) => past.forEach(show), show));
}

export const demoPage: Page = { path: 'demo', title: 'Demo mode', group: 'Sandbox', render };
