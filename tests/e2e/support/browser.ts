import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ROOT } from './launch.js';

/**
 * Debian's Chromium, headless. The background-networking flags matter: this
 * machine's network is closed, and without them Chromium keeps dialling out.
 * Playwright gives each launch a fresh, empty profile of its own.
 */
/**
 * How long one step may wait for the page. Generous: CI machines have 2 cores
 * and the server, its database, the job worker and Chromium share them.
 */
export const STEP_TIMEOUT = 45_000;

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/**
 * Screenshots of one journey, numbered in the order taken:
 * `artifacts/e2e/<journey>/<nn>-<step>.png`. The folder is emptied first so a
 * re-run never mixes old pictures with new ones.
 */
export class Journey {
  private n = 0;
  readonly dir: string;

  constructor(readonly name: string) {
    this.dir = path.join(ROOT, 'artifacts', 'e2e', name);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  async shot(page: Page, step: string): Promise<string> {
    this.n += 1;
    const file = path.join(this.dir, `${String(this.n).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /**
   * Runs one named step; on failure saves a screenshot of every open page
   * and rethrows with the step's name, so a report says where the journey stopped.
   */
  async step<T>(name: string, pages: () => Page[], fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      for (const p of pages()) {
        if (!p.isClosed()) await this.shot(p, `FAILED-${name}`).catch(() => {});
      }
      const message = e instanceof Error ? e.message : String(e);
      throw new Error(`Journey "${this.name}" stopped at step "${name}": ${message}`, { cause: e });
    }
  }
}
