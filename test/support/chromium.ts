import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BrowserContext, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
// Headless as root, with nothing that reaches for the network: this machine's network is closed.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * `describe` where Debian's Chromium is installed; elsewhere `describe.skip`, saying so (.ci/run
 * installs it where it can).
 */
export function describeInChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  process.stderr.write(`\nSKIPPED ${what}: ${CHROMIUM} is missing (apt-get install -y chromium)\n`);
  return describe.skip;
}

export interface Chromium {
  browser: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a throw-away profile. */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'evently-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
