// The page shell of Ocean's launched pages, over the shared escaping template (src/html).
import { renderPage, type SafeHtml } from '../../html/safe-html.js';

export { html, PAGE_CSP, SafeHtml } from '../../html/safe-html.js';

/** The page shell with the Ocean stylesheet and icon, both from `assets` (`/ocean/sso/smart/assets`). */
export function oceanPage(title: string, assets: string, body: SafeHtml): string {
  return renderPage(title, assets, 'ocean.css', body);
}
