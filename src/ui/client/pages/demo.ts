// Demo mode: pick a scenario, step through it with its narration (Next/Back), watch the timeline and the referral move.
import { get, post } from '../api.js';
import { field, h, replace, select, table } from '../dom.js';
import type { ReferralSummary, ReferralView } from '../ocean-types.js';
import { act, confirmButton, refreshOnActivity, section, when, type Page, type PageContext } from '../page.js';
import type { JournalEntry } from '../types.js';
import { entryRow } from './timeline.js';

interface ScenarioInfo {
  id: string;
  title: string;
  role?: string;
  steps: number;
}

interface StepResult {
  index: number;
  title: string;
  kind: string;
  status: string;
  message: string;
  diff?: string;
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
      return h('li', { class: `step ${cls}`, 'data-status': r?.status ?? 'todo' }, `${st.title}`, r ? h('span', { class: 'muted' }, ` — ${r.status}: ${r.message}`) : null, r?.diff ? h('pre', { class: 'body' }, r.diff) : null);
    }),
  );
}

async function latestReferral(): Promise<HTMLElement> {
  const list = await get<ReferralSummary[]>('/admin/ocean/referrals').catch(() => []);
  const last = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!last) return h('p', { class: 'muted' }, 'No referral yet.');
  const r = await get<ReferralView>(`/admin/ocean/referrals/${encodeURIComponent(last.ref)}`);
  return h(
    'div',
    { id: 'demo-referral' },
    h('p', {}, h('a', { href: `#/referral/${encodeURIComponent(r.ref)}` }, r.ref), ' · ', h('strong', { class: 'demo-state' }, r.state), ` · Sent: ${r.folders.sent} · Received: ${r.folders.received}`),
    table(['At', 'Event', 'Detail'], r.events.slice(-6).map((e) => [when(e.at), e.kind, e.text])),
  );
}

async function render(ctx: PageContext): Promise<void> {
  const scenarios = await get<ScenarioInfo[]>('/ui/api/demo/scenarios');
  const pick = select('scenario', scenarios.map((s) => [s.id, `${s.title} (${s.steps} steps)`]), ctx.params.get('scenario') ?? '');
  const panel = h('div', { id: 'demo-session' });
  const referral = h('div', {});
  const feed = h('div', { class: 'timeline', id: 'demo-timeline' });
  const draw = (s: DemoState) => {
    if (!s.active) return replace(panel, h('p', { class: 'muted' }, 'Pick a scenario and press Start.'));
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
      h('div', { class: 'buttons' }, back, next),
      stepsView(s),
    );
  };
  const refreshReferral = async () => replace(referral, await latestReferral());
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
    h('div', { class: 'filters' }, field('Scenario', pick), start, reset),
    scenarios.length ? null : h('p', { class: 'error' }, 'No scenarios found in scenarios/.'),
    h('div', { class: 'grid2' }, section('Script', panel), h('div', {}, section('Referral', referral), section('Timeline', feed))),
  );
  draw(await get<DemoState>('/ui/api/demo/session'));
  await refreshReferral();
  const off = ctx.feed.onEntry((e: JournalEntry) => {
    feed.insertBefore(entryRow(e, (v) => ctx.go(`#/timeline?correlation=${encodeURIComponent(v)}`)), feed.firstChild);
    while (feed.childElementCount > 40) feed.lastElementChild?.remove();
  });
  ctx.onLeave(off);
  refreshOnActivity(ctx, refreshReferral, 400);
}

export const demoPage: Page = { path: 'demo', title: 'Demo mode', group: 'Sandbox', render };
