// What a dashboard page is given: where to draw, the route's parameters, the live feed, and helpers.
import { h, replace, type Child } from './dom.js';
import type { LiveFeed } from './live.js';
import type { StateWatch } from './state-watch.js';

export interface PageContext {
  root: HTMLElement;
  /** Path segments after the page name, e.g. ['referral', 'abc'] for #/ocean/referral/abc. */
  segments: string[];
  params: URLSearchParams;
  feed: LiveFeed;
  /** State changes the journal does not show (restores, resets, other windows). */
  state: StateWatch;
  /** Runs when the user leaves the page. */
  onLeave(fn: () => void): void;
  /** Changes the hash route. */
  go(hash: string): void;
  /** A short message in the status bar. */
  notify(text: string, kind?: 'ok' | 'bad'): void;
  /** Re-reads the header (clock, counts). */
  refreshHeader(): void;
}

export interface Page {
  /** First path segment (`timeline`, `plr`...); '' for home. */
  path: string;
  title: string;
  group: 'Sandbox' | 'Ocean' | 'Registries' | 'Admin';
  /** Reached by links only (e.g. one referral), not listed in the navigation. */
  hidden?: boolean;
  render(ctx: PageContext): void | Promise<void>;
}

/**
 * Calls `fn` whenever the journal moves or the state changes, until the page is left: `ms` after the activity
 * stops, and at least every `maxMs` while it goes on (a pure debounce would starve during a busy demo).
 */
export function refreshOnActivity(ctx: PageContext, fn: () => void | Promise<void>, ms = 250, maxMs = 1000): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPending: number | undefined;
  const run = () => {
    firstPending = undefined;
    void Promise.resolve(fn()).catch(() => undefined);
  };
  const later = () => {
    clearTimeout(timer);
    firstPending ??= performance.now();
    timer = setTimeout(run, Math.max(0, Math.min(ms, firstPending + maxMs - performance.now())));
  };
  const offFeed = ctx.feed.onEntry(later);
  const offState = ctx.state.onChange(later);
  ctx.onLeave(() => {
    clearTimeout(timer);
    offFeed();
    offState();
  });
}

/** Runs an action, reporting success or the API's error in the status bar. */
export async function act(ctx: PageContext, label: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    ctx.notify(label, 'ok');
    ctx.refreshHeader();
    ctx.state.announce();
    return true;
  } catch (err) {
    ctx.notify(`${label} failed: ${err instanceof Error ? err.message : String(err)}`, 'bad');
    return false;
  }
}

/** A titled section. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** Draws a section that loads asynchronously, showing the error text if loading fails. */
export async function loadInto(target: HTMLElement, load: () => Promise<Child>): Promise<void> {
  try {
    replace(target, await load());
  } catch (err) {
    replace(target, h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
  }
}

/** A two-step button for destructive actions (no confirm() dialogs). */
export function confirmButton(label: string, confirmLabel: string, run: () => unknown, attrs: Record<string, string> = {}): HTMLButtonElement {
  let armed = false;
  const b = h('button', { type: 'button', class: 'danger', ...attrs }, label);
  b.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      b.textContent = confirmLabel;
      setTimeout(() => {
        armed = false;
        b.textContent = label;
      }, 4000);
      return;
    }
    armed = false;
    b.textContent = label;
    void run();
  });
  return b;
}

/** Local time display of an ISO instant (simulated time is UTC in the sandbox). */
export function when(iso: string | number | undefined): string {
  if (iso === undefined) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}
