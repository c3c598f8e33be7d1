/**
 * The one support module of the browser tests (test/e2e/*.e2e.ts).
 * - The run's kiosk and browser: jest's globalSetup (support/global-setup.ts) starts ONE kiosk
 *   (`npm start`'s server, scripts/start.mjs, on a free port and a temporary data directory) and ONE
 *   headless Debian Chromium (`chromium.launchServer`); a file takes them with {@link sharedKiosk}
 *   and {@link sharedBrowser}. The kiosk is shared: a file makes the data it changes its own (new
 *   residents, its own rooms, {@link uniqueOpenid}) and never assumes a fresh database.
 * - Acting as someone: {@link openAs}, {@link become}, {@link actAs}, {@link callAs}, {@link acceptMessages};
 *   the people are in support/personas.ts.
 * - Looking at a page: {@link visiblePage}, {@link button}, {@link newPage}, {@link step} (saves a
 *   screenshot to test-artifacts/e2e/ when a step fails), {@link settle} (before a screenshot or a
 *   measure: waits for the page, never a fixed pause), {@link measurePage}, {@link axeViolations}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export * from './support/personas';
import { ZHAO } from './support/personas';

const root = path.resolve(__dirname, '../..');
export const artifactsDir = path.join(root, 'test-artifacts', 'e2e');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Kiosk {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts a kiosk as `npm start` does, on a fresh data directory; resolves once /healthz answers.
 * Used by globalSetup for the run's kiosk; a test file takes that one with {@link sharedKiosk}.
 * `env`: extra environment for the server, e.g. `{ KIOSK_TEST_CLOCK: '1' }` for a private kiosk whose
 * clock the file moves ({@link advanceKioskClock}; never the run's shared kiosk). `prepare`: writes
 * the fresh data directory before the server opens it (e.g. the demo seed plus a file's own records;
 * the server seeds only an empty one).
 */
export async function startKiosk(options: { env?: Record<string, string>; prepare?: (dataDir: string) => void } = {}): Promise<Kiosk> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  options.prepare?.(dataDir);
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    // the test clock only where a file asks for it, never inherited (the run's kiosk keeps real time)
    env: { ...process.env, KIOSK_TEST_CLOCK: undefined, ...options.env, PORT: String(port), KIOSK_DATA_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kiosk exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error('kiosk did not become healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Moves the clock of a kiosk started with `KIOSK_TEST_CLOCK=1` forward by `ms` milliseconds (the
 * functions' time and `db.serverDate()` together; `POST /api/local/clock`, local/gateway.ts) and
 * answers the kiosk's new now (epoch ms). `ms` 0 only reads it. Throws on a kiosk without the switch.
 */
export async function advanceKioskClock(kioskUrl: string, ms: number): Promise<number> {
  const r = await fetch(`${kioskUrl}/api/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: Math.max(0, Math.round(ms)) }) });
  if (!r.ok) throw new Error(`clock: HTTP ${r.status} (start the kiosk with startKiosk({ env: { KIOSK_TEST_CLOCK: '1' } }))`);
  return Date.parse(((await r.json()) as { now: string }).now);
}

/** Where globalSetup leaves the run's kiosk and browser for the test files (environment variables). */
export const RUN_ENV = { kioskUrl: 'E2E_KIOSK_URL', kioskDataDir: 'E2E_KIOSK_DATA_DIR', browserWs: 'E2E_BROWSER_WS' } as const;

/** How headless Debian Chromium is launched (globalSetup's `launchServer`). */
export const CHROMIUM_LAUNCH = { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true };

/**
 * The run's one kiosk (started by globalSetup). Its `stop()` does nothing: globalTeardown stops it.
 * Throws when the file runs without the e2e config's globalSetup.
 */
export function sharedKiosk(): Kiosk {
  const url = process.env[RUN_ENV.kioskUrl];
  if (!url) throw new Error(`no kiosk: run the browser tests with jest -c jest.e2e.config.js (its globalSetup sets ${RUN_ENV.kioskUrl})`);
  return { url, dataDir: process.env[RUN_ENV.kioskDataDir] ?? '', stop: async () => undefined };
}

/**
 * The run's one Chromium (globalSetup's `launchServer`), connected over its websocket; `close()`
 * closes this file's connection and its contexts, not the browser. Launches one for the file when no
 * server was started (a file run outside the e2e config) or the run's is gone (it crashed: one file
 * fails with it, not every file after it).
 */
export async function sharedBrowser(): Promise<Browser> {
  const ws = process.env[RUN_ENV.browserWs];
  if (ws) {
    try {
      return await chromium.connect(ws, { timeout: 15_000 });
    } catch (e) {
      console.warn(`e2e: the run's Chromium is gone (${(e as Error).message.split('\n')[0]}); this file launches its own`);
    }
  }
  return chromium.launch(CHROMIUM_LAUNCH);
}

/** Runs one named step; on failure saves `<name>.png` and rethrows. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, `${name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')}.png`), fullPage: true }).catch(() => undefined);
    throw e;
  }
}

/** A Taro/NutUI button by its text (clicks the button element, not its inner label). */
export const button = (page: Page, text: string | RegExp) => page.locator('taro-button-core', { hasText: text });

/** Uses the local identity switch to act as the seeded person whose name starts with `name`. */
export async function actAs(page: Page, kioskUrl: string, name: string): Promise<void> {
  await page.goto(kioskUrl);
  await page.getByText('切换身份').click();
  await page.getByText(new RegExp(`^${name}`)).first().click();
  await page.getByText(`当前身份：${name}`).waitFor();
}

/** What {@link measurePage} found wrong on the visible page; every list is empty on a good page. */
export interface PageMeasure {
  /** text cut off or overflowing its box (scroll size > client size of it or a box around it), past the window's edge, or spilling out of its button */
  clipped: string[];
  /** a market slot's label on more than one line */
  wrapped: string[];
  /** text (typed text and placeholders of inputs and text areas too) smaller than the mode's minimum, or (elder mode) line height < 1.3 */
  small: string[];
  /** tap targets smaller than the mode's minimum (60×60 px in elder mode, 44×44 px otherwise) */
  targets: string[];
  /** full and finished slots, chosen buttons and primary buttons under 4.5:1, or see-through */
  lowContrast: string[];
  /** the page's root carries the elder-mode class */
  elderRoot: boolean;
}

/**
 * The one page measurement of the browser tests. Measures the visible page (the `.page` on show) as a 72-year-old would meet it: no text overflows
 * or is clipped by its box (scroll size vs client size of every text-bearing element and every box
 * around it up to the page), nothing runs past the window's edge or out of its button, no slot label
 * wraps, (with `typedText`) the text typed in an input fits it, every text — typed text and placeholders of inputs and text areas included — is ≥ 18 px with
 * line height ≥ 1.3 in elder mode (≥ 12 px otherwise), every tap target is ≥ 60×60 px in elder mode
 * (≥ 44×44 px otherwise), and full slots, chosen and primary buttons keep 4.5:1 contrast.
 */
export function measurePage(page: Page, { elder, typedText = false }: { elder: boolean; typedText?: boolean }): Promise<PageMeasure> {
  return page.evaluate(
    ([minT, minF, elderMode, typed]) => {
      const root = [...document.querySelectorAll('.page')].find((e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0) as HTMLElement;
      const visible = (e: Element) => {
        const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0';
      };
      const label = (t: string) => t.replace(/\s+/g, ' ').trim().slice(0, 24);
      const clipped: string[] = [];
      const small: string[] = [];
      const checked = new Set<Element>();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        const el = n.parentElement;
        if (!text || !el || !visible(el)) continue;
        const s = getComputedStyle(el);
        const size = parseFloat(s.fontSize);
        const lh = s.lineHeight === 'normal' ? size * 1.2 : parseFloat(s.lineHeight);
        if (size < minF) small.push(`${label(text)} ${size}px`);
        else if (elderMode && lh < size * 1.3 - 0.5) small.push(`${label(text)} line height ${lh}px for ${size}px`);
        // the text's element and every box around it up to the page: none may scroll or clip it
        for (let box: HTMLElement | null = el; box && box !== root; box = box.parentElement) {
          if (checked.has(box)) continue;
          checked.add(box);
          if (getComputedStyle(box).display === 'inline') continue; // inline boxes have no client size
          if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
            clipped.push(`${label(text)} (${box.tagName.toLowerCase()}.${[...box.classList].join('.')} ${box.scrollWidth}×${box.scrollHeight} in ${box.clientWidth}×${box.clientHeight})`);
          }
        }
        const r = el.getBoundingClientRect();
        if (r.right > window.innerWidth + 1 || r.left < -1) clipped.push(`${label(text)} (past the edge)`);
      }
      // inputs and text areas: their typed text and their placeholder are text too
      for (const el of root.querySelectorAll('input, textarea')) {
        if (!visible(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        const what = el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? el.tagName.toLowerCase();
        if (size < minF) small.push(`${what} (${el.tagName.toLowerCase()}) ${size}px`);
        // the placeholder's own size (an input without one reports its own size here)
        const ps = parseFloat(getComputedStyle(el, '::placeholder').fontSize || String(size));
        if (ps < minF) small.push(`${what} (placeholder) ${ps}px`);
        // typed text wider than its box is cut off (asked for with `typedText`)
        if (typed && (el as HTMLInputElement).value && el.scrollWidth > el.clientWidth + 1) clipped.push(`${what} (typed text ${el.scrollWidth} in ${el.clientWidth})`);
      }
      // a slot's label is one line: each of its texts lies on one line box
      const wrapped: string[] = [];
      for (const slot of root.querySelectorAll('.slot')) {
        if (!visible(slot)) continue;
        const texts = document.createTreeWalker(slot, NodeFilter.SHOW_TEXT);
        for (let t = texts.nextNode(); t; t = texts.nextNode()) {
          if (!(t.textContent ?? '').trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(t);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) wrapped.push(label(slot.textContent ?? ''));
        }
      }
      const targets: string[] = [];
      for (const el of root.querySelectorAll('taro-button-core, .tap-row, .later-day, .identity-bar, .nut-cell, .resident-card, input, textarea')) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width < minT || r.height < minT) targets.push(`${label(el.textContent || el.getAttribute('aria-label') || el.tagName)} ${Math.round(r.width)}×${Math.round(r.height)}`);
        // a label taller or wider than its button spills out of it (wrapped text in a fixed-height button)
        if (el.tagName.toLowerCase() === 'taro-button-core') {
          for (const inner of el.querySelectorAll('*')) {
            const ir = inner.getBoundingClientRect();
            if (ir.height && (ir.bottom > r.bottom + 1 || ir.top < r.top - 1 || ir.right > r.right + 1 || ir.left < r.left - 1)) {
              clipped.push(`${label(el.textContent ?? '')} (spills out of its button)`);
              break;
            }
          }
        }
      }
      // contrast of full and finished slots, chosen and primary buttons (text on its own background)
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const lowContrast: string[] = [];
      for (const el of root.querySelectorAll('.slot-full, .slot-closed, .consent-on, .nut-button-success, .nut-button-primary.nut-button-solid')) {
        if (!visible(el)) continue;
        const s = getComputedStyle(el);
        const inner = (el.querySelector('.nut-button-children') ?? el) as HTMLElement;
        const [a, b] = [lum(rgb(getComputedStyle(inner).color)), lum(rgb(s.backgroundColor))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5 || parseFloat(s.opacity) < 1) lowContrast.push(`${label(el.textContent ?? '')} ${ratio.toFixed(2)}:1 opacity ${s.opacity}`);
      }
      return { clipped, wrapped, small, targets, lowContrast, elderRoot: root.classList.contains('elder') };
    },
    [elder ? 60 : 44, elder ? 18 : 12, elder, typedText] as const,
  );
}

/** From now on the page acts as `openid` (the local identity switch's storage, JSON `{ data }` as Taro stores it), in elder mode or not. */
export async function become(page: Page, kioskUrl: string, openid: string, elder = false): Promise<void> {
  if (!page.url().startsWith(kioskUrl)) await page.goto(`${kioskUrl}/`);
  await page.evaluate(
    ([o, mode]) => {
      localStorage.setItem('kiosk.actingOpenid', JSON.stringify({ data: o }));
      localStorage.setItem('kiosk.elderMode', JSON.stringify({ data: mode }));
    },
    [openid, elder ? 'on' : 'off'],
  );
}

/** The page now shown (Taro's H5 router keeps earlier pages in the document, hidden), with `hasText` if given. */
export const visiblePage = (page: Page, hasText?: string | RegExp) => page.locator('.page:visible', hasText ? { hasText } : {}).first();

/**
 * The text of the page on screen, once exactly one page is visible (a navigation's old page has
 * gone): what a person reads there, as one string. Waits up to Playwright's default timeout.
 */
export async function textOf(page: Page): Promise<string> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('.page')].filter((p) => {
        const r = p.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(p).visibility !== 'hidden';
      }).length === 1,
  );
  return (await visiblePage(page).textContent()) ?? '';
}

/**
 * Acts as `openid` in normal or `elder` mode and opens `route` (a hash route such as `/ticket/pages/mine/index`)
 * freshly (a new load of the app, as a reload); resolves once the visible page shows `ready`. The identity is
 * set on the kiosk's `/healthz` (same origin, so the same storage; no app to boot there), so the app boots once,
 * on `route`.
 */
export async function openAs(page: Page, kioskUrl: string, openid: string, route: string, ready: string | RegExp, elder = false): Promise<void> {
  await page.goto(`${kioskUrl}/healthz`);
  await become(page, kioskUrl, openid, elder);
  await page.goto(`${kioskUrl}/#${route}`);
  await visiblePage(page, ready).waitFor({ timeout: 30_000 });
}

/** A page's requests still waiting for their answer (counted for the pages {@link newPage} makes). */
const inFlight = new WeakMap<Page, Set<unknown>>();

/**
 * Waits until the page has settled for a screenshot and a measure (in place of a fixed pause): none of
 * its requests in flight (pages from {@link newPage}), its web fonts loaded, its images loaded, no
 * finite CSS transition or animation running (a spinner's endless one does not count), then two frames
 * painted. As long as the page needs (usually tens of ms), at most about 10 s, after which it measures
 * anyway. Never fails by itself.
 */
export async function settle(page: Page): Promise<void> {
  const pending = inFlight.get(page);
  for (const until = Date.now() + 5_000; pending && pending.size > 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
  await page.evaluate(async () => {
    await document.fonts.ready;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const until = performance.now() + 5_000;
    for (;;) {
      const moving = document.getAnimations().some((a) => a.playState === 'running' && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
      const loading = [...document.images].some((i) => i.src && !i.complete);
      if ((!moving && !loading) || performance.now() > until) break;
      await frame();
    }
    await frame();
    await frame();
  });
}

/**
 * A fresh browser context (zh-CN; `timezoneId` Asia/Shanghai unless told: the residents' phones show
 * Beijing time) and page, `width`×`height` px; `errors` collects uncaught page errors, and with
 * `consoleErrors` every console error, with `failedResponses` every HTTP answer ≥ 400 (a missing favicon too).
 */
export async function newPage(browser: Browser, width = 390, height = 844, options: { timezoneId?: string; consoleErrors?: boolean; failedResponses?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: options.timezoneId ?? 'Asia/Shanghai' });
  const page = await context.newPage();
  const pending = new Set<unknown>();
  inFlight.set(page, pending);
  page.on('request', (r) => pending.add(r));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (options.consoleErrors) {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()} ${m.location().url}`);
    });
  }
  if (options.failedResponses) {
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
  }
  return { context, page, errors };
}

/**
 * One page for a `describe` block whose tests walk on from each other's state: a fresh context
 * ({@link newPage}, `width`×`height` px) opened before its tests and closed after them; after each
 * test, no uncaught page error. The returned holder's `page` and `errors` are set from `beforeAll` on.
 */
export function usePage(run: Run, width = 390, height = 844): { page: Page; errors: string[] } {
  const tab = {} as Awaited<ReturnType<typeof newPage>>;
  beforeAll(async () => {
    Object.assign(tab, await newPage(run.browser, width, height));
  });
  afterAll(() => tab.context?.close());
  afterEach(() => expect(tab.errors).toEqual([]));
  return tab;
}

/** A function's answer: the envelope of cloudfunctions/shared (`{ ok, data }` or `{ ok: false, error }`). */
export interface Envelope<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message?: string; details?: unknown };
}

/** Calls cloud function `fn` through the local gateway as `openid`, as the app does. */
export async function callAs<T = unknown>(kioskUrl: string, fn: string, openid: string, data: object): Promise<Envelope<T>> {
  const r = await fetch(`${kioskUrl}/api/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(data) });
  return ((await r.json()) as { result: Envelope<T> }).result;
}

/**
 * What a page's `requestSubscribe` does when the person taps 允许 (src/services/cloud.ts), for a test
 * that acts through the gateway instead of the page: WeChat's side (the emulator's grant, `POST
 * /api/local/subscribe`) and the functions' count (`account.subscribed`). `templateIds`: 1–3 ids.
 */
export async function acceptMessages(kioskUrl: string, openid: string, templateIds: string[]): Promise<void> {
  const r = await fetch(`${kioskUrl}/api/local/subscribe`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ templateIds }) });
  if (!r.ok) throw new Error(`subscribe: HTTP ${r.status}`);
  const told = await callAs(kioskUrl, 'account', openid, { action: 'subscribed', templateIds });
  if (!told.ok) throw new Error(`account.subscribed: ${JSON.stringify(told.error)}`);
}

const axePath = createRequire(__filename).resolve('axe-core/axe.min.js');

/**
 * The one axe helper: the visible page's serious and critical axe-core violations, each as
 * `"<rule id> (<impact>): <up to 3 nodes>"`; `[]` on a good page.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const root = [...document.querySelectorAll('.page')].find((e) => getComputedStyle(e).display !== 'none') ?? document.body;
    // @ts-expect-error axe is injected
    const r = await window.axe.run(root, { resultTypes: ['violations'] });
    return (r.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** What {@link useRun} gives a test file: the run's kiosk, its Chromium (set in `beforeAll`), and the file's screenshot folder. */
export interface Run {
  kiosk: Kiosk;
  browser: Browser;
  /** test-artifacts/<shots>/ (created before the file's tests), '' when the file keeps no screenshots */
  shots: string;
}

/**
 * The one per-file setup of the browser tests: `const run = useRun({ shots: 'reach' })` at the top of
 * a file registers the `beforeAll`/`afterAll` that take the run's kiosk ({@link sharedKiosk}) — or,
 * with `kiosk`, a file's own kiosk (a file that must change what every other file reads says why) —
 * connect to the run's Chromium ({@link sharedBrowser}) and make test-artifacts/<shots>/; after the
 * file, the connection (and a private kiosk) is closed. `run.kiosk` is usable at once (the shared
 * one is known when the file loads); `run.browser` from `beforeAll` on.
 */
export function useRun(options: { shots?: string; kiosk?: () => Promise<Kiosk> } = {}): Run {
  const run = { kiosk: options.kiosk ? (undefined as unknown as Kiosk) : sharedKiosk(), browser: undefined as unknown as Browser, shots: options.shots ? path.join(root, 'test-artifacts', options.shots) : '' };
  beforeAll(async () => {
    if (options.kiosk) run.kiosk = await options.kiosk();
    run.browser = await sharedBrowser();
    if (run.shots) fs.mkdirSync(run.shots, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await run.browser?.close();
    if (options.kiosk) await run.kiosk?.stop();
  });
  return run;
}

/** A measure with nothing wrong in `elder` or normal mode: what {@link shootAll} expects of every screen. */
export const cleanMeasure = (elder: boolean): PageMeasure => ({ clipped: [], wrapped: [], small: [], targets: [], lowContrast: [], elderRoot: elder });

/** One screen for {@link shootAll}: who looks (an OPENID, or a function making one per shot), where, and what the page shows once loaded. */
export interface Screen {
  name: string;
  as: string | (() => string);
  route: () => string;
  ready: string | RegExp;
  /** taps after loading (the state to photograph), with its own assertions */
  then?: (page: Page) => Promise<void>;
}

/**
 * The one screenshot loop of the browser tests: at each width (320 and 390 px unless told), in normal
 * and elder mode, one browser context ({@link newPage}: zh-CN, Beijing time) and a test per screen:
 * it opens the screen freshly as its person ({@link openAs}: a reload), runs `then`, lets the page
 * settle ({@link settle}), saves `<shots>/<name>-<width>-<normal|elder>.png`, runs the file's own `after` checks on the
 * same page and expects {@link measurePage} to find nothing wrong and the page to throw no error
 * while it was shown. `height` is the window's (tall enough for the whole page: Taro's H5 pages
 * scroll inside their own container, which a full-page screenshot does not unroll). `shots`: another
 * folder for the screenshots than the file's (`run.shots`); `typedText`: the measure also fits the
 * text typed in inputs; `axe`: no serious or critical {@link axeViolations} either.
 */
export function shootAll(run: Run, screens: Screen[], options: { widths?: number[]; height?: number; prefix?: string; shots?: string; typedText?: boolean; axe?: boolean; after?: (page: Page, s: Screen, width: number, elder: boolean) => Promise<void> } = {}): void {
  for (const width of options.widths ?? [320, 390]) {
    for (const elder of [false, true]) {
      const mode = elder ? 'elder' : 'normal';
      describe(`${width} px wide, ${mode} mode`, () => {
        let shown: Awaited<ReturnType<typeof newPage>>;
        beforeAll(async () => {
          shown = await newPage(run.browser, width, options.height ?? 2400);
        });
        afterAll(() => shown?.context.close());
        it.each(screens.map((s) => [s.name, s] as const))('%s: nothing clipped, sizes and contrast hold', async (_name, s) => {
          const { page, errors } = shown;
          errors.length = 0;
          await step(page, `${options.prefix ?? 'shot'}-${s.name}-${width}-${mode}`, async () => {
            await openAs(page, run.kiosk.url, typeof s.as === 'string' ? s.as : s.as(), s.route(), s.ready, elder);
            if (s.then) await s.then(page);
            await settle(page);
            await page.screenshot({ path: path.join(options.shots ?? run.shots, `${s.name}-${width}-${mode}.png`), fullPage: true });
            if (options.after) await options.after(page, s, width, elder);
            expect(await measurePage(page, { elder, typedText: options.typedText })).toEqual(cleanMeasure(elder));
            if (options.axe) expect(await axeViolations(page)).toEqual([]);
          });
          expect(errors).toEqual([]);
        }, 60_000);
      });
    }
  }
}

/**
 * What is wrong on the visible page, one line each (`<name>: clipped …`, `small …`, `target …`, `axe …`):
 * {@link measurePage}'s clipped text, small text and small targets (typed text measured too) and
 * {@link axeViolations}; `[]` on a good page. Throws when the page is not in the expected mode.
 */
export async function pageProblems(page: Page, elder: boolean, name: string): Promise<string[]> {
  const m = await measurePage(page, { elder, typedText: true });
  expect(m.elderRoot).toBe(elder);
  return [...m.clipped.map((c) => `${name}: clipped ${c}`), ...m.small.map((x) => `${name}: small ${x}`), ...m.targets.map((t) => `${name}: target ${t}`), ...(await axeViolations(page)).map((v) => `${name}: axe ${v}`)];
}

/**
 * Saves the whole visible page in one picture at `file`: the window made as tall as the page (at most
 * 5000 px), scrolled to the top, then set back to `width`×`height`.
 */
export async function shootWholePage(page: Page, file: string, width: number, height = 800): Promise<void> {
  const tall = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.page')].map((e) => (e as HTMLElement).scrollHeight), document.documentElement.scrollHeight));
  await page.setViewportSize({ width, height: Math.min(Math.max(tall + 24, height), 5000) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file });
  await page.setViewportSize({ width, height });
}

/**
 * The other screenshot loop, for pages with typed text and axe: one test per width (320 and 390 px)
 * and mode, walking every screen in one page; each is opened as its person, `then` run, measured
 * ({@link pageProblems}: clipped, small, targets, axe) and saved whole ({@link shootWholePage}) to
 * `<shots>/<name>-<width>-<normal|elder>.png`; the test expects no problem and no page error.
 */
export function measureEachMode(run: Run, screens: Screen[], prefix: string): void {
  for (const width of [320, 390]) {
    for (const elder of [false, true]) {
      const mode = elder ? 'elder' : 'normal';
      it(`${width} px ${mode}`, async () => {
        const { context, page, errors } = await newPage(run.browser, width, 800);
        const problems: string[] = [];
        try {
          for (const p of screens) {
            await step(page, `${prefix}-${p.name}-${width}-${mode}`, async () => {
              await openAs(page, run.kiosk.url, typeof p.as === 'string' ? p.as : p.as(), p.route(), p.ready, elder);
              if (p.then) await p.then(page);
              await settle(page);
              problems.push(...(await pageProblems(page, elder, p.name)));
              await shootWholePage(page, path.join(run.shots, `${p.name}-${width}-${mode}.png`), width);
            });
          }
          expect(problems).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }, 300_000);
    }
  }
}

/**
 * The ids of the slots of 老城社区's `service` (`haircut`, `knife`, …: the part after `svc-lc-`) on
 * market day `dayId` that still take a booking (state `open`), earliest first — for a file on the
 * run's kiosk that books its own people where other files have not filled the places.
 */
export async function openSlots(kioskUrl: string, dayId: string, service: string): Promise<string[]> {
  const day = await callAs<{ services: { slots: { id: string; state: string }[] }[] }>(kioskUrl, 'market', ZHAO, { action: 'getMarketDay', marketDayId: dayId });
  if (!day.ok) throw new Error(`getMarketDay: ${JSON.stringify(day.error)}`);
  return day.data!.services.flatMap((x) => x.slots).filter((x) => x.id.startsWith(`${dayId}_svc-lc-${service}_`) && x.state === 'open').map((x) => x.id);
}

/** Today's date (YYYY-MM-DD) in the kiosk's time zone, Asia/Shanghai. */
export const todayInShanghai = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** This month in China as a `console.stats` period: `{ from: 'YYYY-MM-01', to: 'YYYY-MM-<last day>' }` (local dates). */
export function thisMonth(): { from: string; to: string } {
  const today = todayInShanghai();
  const [y, m] = today.split('-').map(Number);
  return { from: `${today.slice(0, 8)}01`, to: `${today.slice(0, 8)}${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
}
