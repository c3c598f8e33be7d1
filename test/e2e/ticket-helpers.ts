/**
 * Helpers for the ticket pages' browser tests (tickets.e2e.ts): call a function as a seeded person,
 * open a page as someone (normal or elder mode, straight from its URL), and measure a page: text
 * that overflows or is clipped by its box, text (inputs and text areas included) smaller than the
 * mode allows, tap targets smaller than the mode allows.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

const axePath = createRequire(__filename).resolve('axe-core/axe.min.js');

export interface Envelope<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string; details?: unknown };
}

/** Calls `fn` as `openid` through the local gateway, as the app does. */
export async function callAs<T = unknown>(kioskUrl: string, fn: string, openid: string, data: object): Promise<Envelope<T>> {
  const r = await fetch(`${kioskUrl}/api/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(data) });
  return ((await r.json()) as { result: Envelope<T> }).result;
}

/** A fresh browser context and page, collecting page errors. */
export async function newPage(browser: Browser, width: number, height: number) {
  // the kiosk's residents live in China: their phones show Beijing time
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** From now on the page acts as `openid` (the local identity switch's storage), in elder mode or not. */
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

/** Opens `route` (a hash route such as `/ticket/pages/mine/index`) as `openid`, and waits for `ready` on the visible page. */
export async function openAs(page: Page, kioskUrl: string, openid: string, route: string, ready: string | RegExp, elder = false): Promise<void> {
  await become(page, kioskUrl, openid, elder);
  await page.goto(`${kioskUrl}/#${route}`);
  await page.reload();
  await visiblePage(page, ready).waitFor({ timeout: 20_000 });
}

/** The page now shown (Taro's H5 keeps earlier pages in the document, hidden). */
export const visiblePage = (page: Page, hasText?: string | RegExp) => page.locator('.page:visible', hasText ? { hasText } : {}).first();

export interface Measure {
  clipped: string[];
  small: string[];
  targets: string[];
  elderRoot: boolean;
}

/**
 * Measures the visible page: every text's element and the boxes around it (none may scroll or clip
 * it: scroll size > client size + 1), text and form fields below `minFont`, buttons below `minTarget`.
 */
export function measure(page: Page, minTarget: number, minFont: number): Promise<Measure> {
  return page.evaluate(
    ([minT, minF]) => {
      const root = [...document.querySelectorAll('.page')].find((e) => getComputedStyle(e).display !== 'none') as HTMLElement;
      const visible = (e: Element) => {
        const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      const clipped: string[] = [];
      const small: string[] = [];
      const checked = new Set<Element>();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        const el = n.parentElement;
        if (!text || !el || !visible(el)) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < minF) small.push(`${text.slice(0, 24)} ${size}px`);
        for (let box: HTMLElement | null = el; box && box !== root; box = box.parentElement) {
          if (checked.has(box)) continue;
          checked.add(box);
          if (getComputedStyle(box).display === 'inline') continue;
          if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1) {
            clipped.push(`${text.slice(0, 24)} (${box.tagName.toLowerCase()}.${[...box.classList].join('.')} ${box.scrollWidth}×${box.scrollHeight} in ${box.clientWidth}×${box.clientHeight})`);
          }
        }
        const r = el.getBoundingClientRect();
        if (r.right > window.innerWidth + 1 || r.left < -1) clipped.push(`${text.slice(0, 24)} (past the edge)`);
      }
      // what a person types, and the placeholder they read, count as text too
      for (const f of root.querySelectorAll('input, textarea')) {
        if (!visible(f)) continue;
        const size = parseFloat(getComputedStyle(f).fontSize);
        const label = (f as HTMLInputElement).placeholder || (f as HTMLInputElement).value || f.tagName.toLowerCase();
        if (size < minF) small.push(`${f.tagName.toLowerCase()} ${label.slice(0, 20)} ${size}px`);
        const ph = getComputedStyle(f, '::placeholder').fontSize;
        if (ph && parseFloat(ph) < minF) small.push(`placeholder ${label.slice(0, 20)} ${ph}`);
        if (f.tagName === 'INPUT' && f.scrollWidth > f.clientWidth + 1 && (f as HTMLInputElement).value) clipped.push(`input ${label.slice(0, 20)} (${f.scrollWidth} in ${f.clientWidth})`);
      }
      const targets: string[] = [];
      for (const el of root.querySelectorAll('taro-button-core')) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width < minT || r.height < minT) targets.push(`${(el.textContent ?? '').trim().slice(0, 24)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      return { clipped, small, targets, elderRoot: root.classList.contains('elder') };
    },
    [minTarget, minFont],
  );
}

/** The visible page's serious and critical axe-core violations (as test/e2e/accessibility.e2e.ts counts them). */
export async function axeViolations(page: Page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const root = [...document.querySelectorAll('.page')].find((e) => getComputedStyle(e).display !== 'none') ?? document.body;
    // @ts-expect-error axe is injected
    const r = await window.axe.run(root, { resultTypes: ['violations'] });
    return (r.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}
