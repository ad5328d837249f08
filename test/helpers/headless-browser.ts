/**
 * A headless Chromium for the browser tests, from the npm registry (@sparticuz/chromium ships
 * the binary inside the package), driven by playwright-core. One per test file: it starts in
 * seconds and every page of the file shares it.
 */
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

export async function launchHeadlessChromium(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--disable-background-networking', '--no-first-run'],
    headless: true,
  });
}
