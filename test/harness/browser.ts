// Headless Chromium for tests of the HTML report: Debian's /usr/bin/chromium driven by
// playwright-core (no browser download), with a throwaway profile and everything that would
// phone home switched off, so a test that watches requests sees only what the page itself asks for.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--no-default-browser-check',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** A persistent context in a fresh user-data dir (removed on close); one page per test. */
export async function launchBrowser(opts: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'scs-images-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    // file:// pages only: nothing to accept, nothing to download
    acceptDownloads: false,
    serviceWorkers: 'block',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Relative luminance of the page background, and the worst WCAG contrast ratio of visible text
 * (body, muted, code, links, badges, ...) against the background it is drawn on. Plain JavaScript
 * run in the page (the tests are type-checked without the DOM library).
 */
const COLOURS_SCRIPT = `(() => {
  const rgba = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgba(c).slice(0, 3).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const backgroundOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if ((rgba(bg)[3] ?? 1) > 0) return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  let worstContrast = Infinity;
  let worst = '';
  for (const el of document.querySelectorAll('body, .muted, code, a, .badge, .allowed, th, summary, .error, strong')) {
    if (!el.offsetParent && el !== document.body) continue;
    const a = lum(getComputedStyle(el).color);
    const b = lum(backgroundOf(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < worstContrast) { worstContrast = ratio; worst = el.tagName + '.' + el.className + ': ' + ratio.toFixed(2); }
  }
  return { background: lum(getComputedStyle(document.body).backgroundColor), worstContrast, worst };
})()`;

export async function pageColours(p: Page): Promise<{ background: number; worstContrast: number; worst: string }> {
  return p.evaluate(COLOURS_SCRIPT) as Promise<{ background: number; worstContrast: number; worst: string }>;
}
