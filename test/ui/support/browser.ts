// A sandbox on a real socket (port 0, manual clock) and headless Debian Chromium driven by playwright-core.
import type { BrowserContext, Page } from 'playwright-core';
import type { SystemFactory } from '../../../src/app-deps.js';
import type { RunningSandbox } from '../../../src/main.js';
import { DEFAULT_SYSTEMS } from '../../../src/systems.js';
import { launchChromium, screenshot, type BrowserLease } from '../../support/chromium.js';
import { startTestSandboxOnSocket } from '../../support/sandbox.js';

/** Where screenshots go when HIE_TEST_SCREENSHOTS=1 (gitignored), for people to look at. */
export const ARTIFACTS = 'test-artifacts/ui';

export interface BrowserSandbox {
  running: RunningSandbox;
  browser: BrowserLease;
  context: BrowserContext;
  page: Page;
  url: string;
  /** Dialogs (alert/confirm/prompt) the page opened: any is a failure of escaping. */
  dialogs: string[];
  pageErrors: string[];
  shot(name: string): Promise<void>;
  /** An admin API call on the running sandbox. */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startBrowserSandbox(systems: readonly SystemFactory[] = DEFAULT_SYSTEMS): Promise<BrowserSandbox> {
  const running = await startTestSandboxOnSocket(systems);
  const browser = await launchChromium(ARTIFACTS);
  // One context, so a second window (context.newPage()) shares the origin's BroadcastChannel as a user's tabs do.
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const url = running.url;
  return {
    running,
    browser,
    context,
    page,
    url,
    dialogs,
    pageErrors,
    shot: (name) => screenshot(page, `${ARTIFACTS}/${name}.png`, { fullPage: true }),
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/admin${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} /admin${path} answered ${res.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await browser.close();
      await running.stop();
    },
  };
}
