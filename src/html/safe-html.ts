// Server-rendered HTML shared by the sandbox's pages: an escaping template tag, the strict CSP and the page shell.
import { escapeXhtml } from '../fhir/index.js';

/** Markup that is already safe; only `html` produces it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | boolean | undefined | null | readonly Part[];

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeXhtml(String(part));
}

/** Tagged template: every interpolation is escaped unless it is itself `html`. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  let out = strings[0]!;
  parts.forEach((p, i) => (out += render(p) + strings[i + 1]!));
  return new SafeHtml(out);
}

/**
 * A strict policy: nothing inline, nothing from elsewhere. Forms post to the sandbox, or to the origins
 * given (browsers apply form-action to the redirects a form post leads to).
 * See: https://www.w3.org/TR/CSP3/
 */
export function pageCsp(formOrigins: readonly string[] = []): string {
  return `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'${formOrigins.map((o) => ` ${o}`).join('')}; frame-ancestors 'self'; base-uri 'none'`;
}

/** The policy of pages whose forms stay on the sandbox. */
export const PAGE_CSP = pageCsp();

/** The page shell: a stylesheet and an icon, both under `assets`. */
export function renderPage(title: string, assets: string, stylesheet: string, body: SafeHtml): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="${assets}/icon.svg"><link rel="stylesheet" href="${assets}/${stylesheet}"></head><body>${body}</body></html>`.value;
}
