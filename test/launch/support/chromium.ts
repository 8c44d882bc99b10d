// Debian's headless Chromium through playwright-core, for the launch tests; a missing browser fails loudly (CI installs it).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where the launch screenshots go (gitignored; CI keeps them as artifacts). */
export const LAUNCH_ARTIFACTS = 'test-artifacts/launch';

const CHROMIUM = '/usr/bin/chromium';

/** Starts Chromium, or throws a message that says what to install. Never skips. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser launch test needs Debian's chromium (apt-get install chromium); CI installs it.`);
  }
  mkdirSync(LAUNCH_ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
