// The page shell of the reference EMR, over the shared escaping template (src/html).
import { renderPage, type SafeHtml } from '../../html/safe-html.js';

export { html, pageCsp, PAGE_CSP, SafeHtml } from '../../html/safe-html.js';

/** The page shell with the EMR stylesheet and icon, both from `assets` (`/pos/emr/assets`). */
export function emrPage(title: string, assets: string, body: SafeHtml): string {
  return renderPage(title, assets, 'emr.css', body);
}
