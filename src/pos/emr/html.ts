// Server-rendered HTML for the reference EMR: an escaping template tag and the page shell (no inline script or style).
import { escapeXhtml } from '../../fhir/index.js';

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
 * A strict policy: nothing inline, nothing from elsewhere. Forms post to the sandbox, or to the origins given:
 * the chart's launch form is redirected to each registered app's launch URL, and browsers apply form-action to redirects.
 * See: https://www.w3.org/TR/CSP3/
 */
export function pageCsp(formOrigins: readonly string[] = []): string {
  return `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'${formOrigins.map((o) => ` ${o}`).join('')}; frame-ancestors 'self'; base-uri 'none'`;
}

/** The policy of pages whose forms stay on the sandbox. */
export const PAGE_CSP = pageCsp();

/** The page shell with the EMR stylesheet and icon, both from `assets` (`/pos/emr/assets`). */
export function emrPage(title: string, assets: string, body: SafeHtml): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="${assets}/icon.svg"><link rel="stylesheet" href="${assets}/emr.css"></head><body>${body}</body></html>`.value;
}
