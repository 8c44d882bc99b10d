// Debian's headless Chromium through playwright-core for the browser tests; a missing browser fails loudly (CI installs it).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** The flags this workplace needs (no network but loopback, no first-run or background traffic). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let shared: Promise<Browser> | undefined;

/** What a test file holds: a browser whose `close()` closes the contexts and pages it opened, not the browser. */
export type BrowserLease = Pick<Browser, 'newContext' | 'newPage' | 'close'>;

/**
 * Chromium for a test file, or a thrown message that says what to install (never skips); makes the screenshot
 * folder. One browser per test worker serves every file it runs (a launch costs about a second of CPU); each
 * file gets its own contexts, so no cookie, storage or page is shared between files.
 */
export async function launchChromium(artifacts: string): Promise<BrowserLease> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium); CI installs it.`);
  }
  mkdirSync(artifacts, { recursive: true });
  shared ??= chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  let browser = await shared;
  if (!browser.isConnected()) browser = await (shared = chromium.launch({ executablePath: CHROMIUM, args: FLAGS }));
  const contexts = new Set<BrowserContext>();
  const track = (context: BrowserContext) => {
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    return context;
  };
  return {
    newContext: async (options) => track(await browser.newContext(options)),
    async newPage(options) {
      const context = track(await browser.newContext(options));
      return context.newPage();
    },
    async close() {
      await Promise.all([...contexts].map((c) => c.close()));
    },
  };
}

/**
 * Screenshots for people to look at, under test-artifacts/ (gitignored), taken when `HIE_TEST_SCREENSHOTS=1` is set:
 * they assert nothing, and a full-page PNG of a dashboard page costs Chromium a few hundred milliseconds of CPU
 * (about 4 of pages.test.ts's 22 CPU-seconds), which every run of the suite paid for files nobody opened.
 */
export async function screenshot(page: Page, path: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!process.env.HIE_TEST_SCREENSHOTS) return;
  await page.screenshot({ path, ...options });
}
