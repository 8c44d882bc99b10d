// Boots the dashboard: header (clock, feed state), navigation, and a hash router over the pages.
import { get } from './api.js';
import { h, replace } from './dom.js';
import { createLiveFeed } from './live.js';
import { createStateWatch } from './state-watch.js';
import type { Page, PageContext } from './page.js';
import { PAGES } from './pages/index.js';
import type { ClockView } from './types.js';

function boot(): void {
  const app = document.getElementById('app');
  if (!app) return;
  const feed = createLiveFeed();
  const state = createStateWatch();
  const feedBadge = h('span', { class: 'badge', id: 'feed-state' }, 'connecting');
  const clockText = h('span', { class: 'clock', id: 'clock-now' }, '…');
  const status = h('div', { class: 'status', id: 'status', role: 'status', 'aria-live': 'polite' });
  const nav = h('nav', { class: 'nav' });
  const main = h('main', { class: 'main', id: 'main' });
  replace(
    app,
    h('header', { class: 'top' }, h('a', { href: '#/', class: 'brand' }, 'hie-sandbox'), h('span', { class: 'subtitle' }, 'Ocean · PLR · HCIM'), h('span', { class: 'spacer' }), h('span', {}, 'Simulated time '), clockText, feedBadge),
    h('div', { class: 'body' }, nav, main),
    status,
  );

  feed.onState((s) => {
    feedBadge.textContent = s;
    feedBadge.className = `badge ${s}`;
  });
  const refreshHeader = () => {
    get<ClockView>('/admin/clock')
      .then((c) => {
        clockText.textContent = `${c.now.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')} (${c.mode})`;
      })
      .catch(() => undefined);
  };
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  const notify = (text: string, kind: 'ok' | 'bad' = 'ok') => {
    status.textContent = text;
    status.className = `status show ${kind}`;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => (status.className = 'status'), kind === 'bad' ? 8000 : 3000);
  };

  const groups = ['Sandbox', 'Ocean', 'Registries', 'Admin'] as const;
  for (const g of groups) {
    const pages = PAGES.filter((x) => x.group === g && !x.hidden);
    if (pages.length) nav.appendChild(h('h3', {}, g));
    for (const p of pages) nav.appendChild(h('a', { href: `#/${p.path}`, 'data-path': p.path }, p.title));
  }

  let leave = () => {};
  const route = async () => {
    leave();
    // This page's own clean-ups: one registered after the page was left (a render still awaiting) runs at once,
    // instead of joining the next page's and running only when that one is left.
    const cleanups: Array<() => void> = [];
    let left = false;
    leave = () => {
      left = true;
      for (const fn of cleanups.splice(0)) fn();
    };
    const raw = location.hash.replace(/^#\/?/, '');
    const [pathPart = '', query = ''] = raw.split('?');
    const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
    const page: Page = PAGES.find((p) => p.path === (segments[0] ?? '')) ?? PAGES[0]!;
    for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.getAttribute('data-path') === (page.path === 'referral' ? 'ocean' : page.path));
    const root = h('div', { class: 'page', 'data-page': page.path || 'home' });
    replace(main, root);
    document.title = `${page.title} · hie-sandbox`;
    const ctx: PageContext = {
      root,
      segments: segments.slice(1),
      params: new URLSearchParams(query),
      feed,
      state,
      onLeave: (fn) => (left ? fn() : void cleanups.push(fn)),
      go: (hash) => {
        location.hash = hash;
      },
      notify,
      refreshHeader,
    };
    try {
      await page.render(ctx);
    } catch (err) {
      root.appendChild(h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
    }
  };
  window.addEventListener('hashchange', () => void route());
  let headerTimer: ReturnType<typeof setTimeout> | undefined;
  state.onChange(refreshHeader);
  feed.onEntry(() => {
    clearTimeout(headerTimer);
    headerTimer = setTimeout(refreshHeader, 300);
  });
  refreshHeader();
  void route();
}

boot();
