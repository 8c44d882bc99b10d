// Debian's headless Chromium through playwright-core for the browser tests; a missing browser fails loudly (CI installs it).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** The flags this workplace needs (no network but loopback, no first-run or background traffic). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts Chromium, or throws a message that says what to install (never skips); makes the screenshot folder. */
export async function launchChromium(artifacts: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium); CI installs it.`);
  }
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}
