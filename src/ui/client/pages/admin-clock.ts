// Admin: the simulated clock; advancing it runs every retry, expiry and appointment that falls due.
import { get, post } from '../api.js';
import { field, h, replace, table } from '../dom.js';
import { act, loadInto, section, type Page, type PageContext } from '../page.js';
import type { ClockView } from '../types.js';

const PRESETS = ['PT1M', 'PT5M', 'PT15M', 'PT1H', 'PT24H', 'PT96H'];

async function render(ctx: PageContext): Promise<void> {
  const view = h('div', {});
  const load = () =>
    loadInto(view, async () => {
      const c = await get<ClockView>('/admin/clock');
      const drift = Date.parse(c.now) - Date.now();
      return [
        table(['Now (simulated)', 'Mode', 'Timers pending'], [[h('strong', { id: 'clock-value' }, c.now), c.factor ? `${c.mode} ×${c.factor}` : c.mode, String(c.pendingTimers)]]),
        Math.abs(drift) > 60_000 ? h('p', { class: 'muted', id: 'clock-drift' }, `${formatDrift(Math.abs(drift))} ${drift > 0 ? 'ahead of' : 'behind'} real time.`) : null,
      ];
    });
  const advance = (duration: string) =>
    act(ctx, `Clock advanced by ${duration}`, () => post('/admin/clock/advance', { duration })).then(load);
  const duration = h('input', { name: 'duration', placeholder: 'ISO 8601 duration, e.g. PT2H30M', required: true });
  const form = h('form', { class: 'inline', id: 'clock-form' }, field('Advance by', duration), h('button', { type: 'submit' }, 'Advance'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void advance(duration.value.trim());
  });
  const time = h('input', { name: 'time', placeholder: '2026-03-02T09:00:00Z', required: true });
  const setForm = h('form', { class: 'inline', id: 'clock-set-form' }, field('Set to', time), h('button', { type: 'submit' }, 'Set'));
  setForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void act(ctx, `Clock set to ${time.value}`, () => post('/admin/clock/set', { time: time.value.trim() })).then(load);
  });
  const backToReal = h('button', { type: 'button', id: 'clock-real', class: 'secondary', onclick: () => void act(ctx, 'Clock back to real time', () => post('/admin/clock/set', { time: 'now' })).then(load) }, 'Back to real time');
  replace(
    ctx.root,
    h('h1', {}, 'Clock'),
    section('Simulated time', view, backToReal),
    section(
      'Advance',
      h('div', { class: 'buttons' }, PRESETS.map((d) => h('button', { type: 'button', 'data-duration': d, onclick: () => void advance(d) }, `+${d.slice(2).toLowerCase()}`))),
      form,
      setForm,
      h('p', { class: 'muted' }, 'Deliveries due in the skipped time are attempted before the answer comes back (see the timeline).'),
    ),
  );
  await load();
}

/** `3 d 4 h`, `25 min`: how far the simulated clock is from the wall clock. */
function formatDrift(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return [days && `${days} d`, hours && `${hours} h`, !days && minutes % 60 && `${minutes % 60} min`].filter(Boolean).join(' ');
}

export const clockPage: Page = { path: 'clock', title: 'Clock', group: 'Admin', render };
