// Builds DOM nodes from data with textContent only: nothing a POS sent is ever parsed as HTML.

export type Child = Node | string | number | boolean | null | undefined | Child[];
type Handler = (ev: Event) => void;
export type Attrs = Record<string, string | number | boolean | Handler | undefined>;

const SAFE_URL = /^(?:https?:|wss?:|\/|#|\.\/|\?)/i;

/** Creates an element; string attributes via setAttribute, `on*` functions as listeners, children as text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    } else if (key.startsWith('on')) {
      throw new Error(`refusing a string event handler attribute "${key}"`);
    } else if ((key === 'href' || key === 'src' || key === 'action') && !SAFE_URL.test(String(value))) {
      el.setAttribute(key, '#');
    } else if (key === 'value' && (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) {
      el.value = String(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  // A text box is at least as wide as its hint, so no placeholder is cut off.
  if (el instanceof HTMLInputElement && typeof attrs.placeholder === 'string' && attrs.size === undefined) el.size = Math.max(20, attrs.placeholder.length + 2);
  append(el, children);
  return el;
}

/** Appends children; strings become text nodes. */
export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === true) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** A table from headings and rows of cells. */
export function table(headings: string[], rows: Child[][], attrs: Attrs = {}): HTMLTableElement {
  return h(
    'table',
    attrs,
    h('thead', {}, h('tr', {}, headings.map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.length ? rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))) : h('tr', {}, h('td', { colspan: headings.length, class: 'empty' }, 'Nothing yet.'))),
  );
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control, hint ? h('small', {}, hint) : null);
}

/** A select with options given as [value, label] pairs or plain values. */
export function select(name: string, options: Array<string | [string, string]>, value = ''): HTMLSelectElement {
  const s = h('select', { name }, options.map((o) => (Array.isArray(o) ? h('option', { value: o[0] }, o[1]) : h('option', { value: o }, o || 'any'))));
  // Setting a value no option has would show an empty select; keep the first option instead.
  if (options.some((o) => (Array.isArray(o) ? o[0] : o) === value)) s.value = value;
  return s;
}

/** Formats a JSON body for display when it parses, else returns it as is. */
export function pretty(body: string | undefined): string {
  if (body === undefined || body === '') return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** A pill showing a status code, coloured by class. */
export function statusPill(status: number | undefined, error?: string): HTMLElement {
  const cls = error || status === undefined || status >= 500 ? 'bad' : status >= 400 ? 'warn' : 'ok';
  return h('span', { class: `pill ${cls}`, title: error ?? '' }, status === undefined ? 'no answer' : String(status));
}
