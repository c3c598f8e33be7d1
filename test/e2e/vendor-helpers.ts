/**
 * Helpers for the vendor e2e (test/e2e/vendors.e2e.ts): open a route as a person in normal or elder
 * mode, call a function as someone, and measure a page (text that overflows or is clipped by its
 * box, text under 18 px in elder mode — inputs and placeholders included — and tap targets).
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** Calls `fn` of the local gateway as `openid`. */
export async function callAs<T = unknown>(kioskUrl: string, fn: string, openid: string, data: object): Promise<{ ok: boolean; data?: T; error?: { code: string; message?: string } }> {
  const r = await fetch(`${kioskUrl}/api/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(data) });
  return ((await r.json()) as { result: { ok: boolean; data?: T; error?: { code: string; message?: string } } }).result;
}

/** Sets who the local app acts as and elder mode (stored as Taro does: JSON `{ data }`). */
export async function setIdentity(page: Page, kioskUrl: string, openid: string, elder: boolean): Promise<void> {
  if (!page.url().startsWith(kioskUrl)) await page.goto(`${kioskUrl}/`);
  await page.evaluate(
    ([o, mode]) => {
      localStorage.setItem('kiosk.actingOpenid', JSON.stringify({ data: o }));
      localStorage.setItem('kiosk.elderMode', JSON.stringify({ data: mode }));
    },
    [openid, elder ? 'on' : 'off'],
  );
}

/** Opens `route` (e.g. `/vendor/pages/registry/index?q=白菜`) as `openid`, reloaded, and waits for `ready` on the visible page. */
export async function openAs(page: Page, kioskUrl: string, openid: string, route: string, ready: string | RegExp, elder = false): Promise<void> {
  await setIdentity(page, kioskUrl, openid, elder);
  await page.goto(`${kioskUrl}/#${route}`);
  await page.reload();
  await visiblePage(page).filter({ hasText: ready }).first().waitFor({ timeout: 30_000 });
}

/** The page shown now (Taro's H5 router keeps earlier pages hidden in the DOM). */
export const visiblePage = (page: Page) => page.locator('.page:visible');

export interface VendorMeasure {
  clipped: string[];
  small: string[];
  targets: string[];
  elderRoot: boolean;
}

/**
 * Every text-bearing element of the visible page and every box around it: its text must not
 * overflow or be clipped (scroll size > client size + 1 either way, or past the viewport); in elder mode every text, input and
 * placeholder ≥ 18 px and every button ≥ 60 px (else ≥ 44 px).
 */
export function measureVendorPage(page: Page, { elder }: { elder: boolean }): Promise<VendorMeasure> {
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
      // inputs: their text and their placeholder
      for (const input of root.querySelectorAll('input, textarea')) {
        if (!visible(input)) continue;
        const size = parseFloat(getComputedStyle(input).fontSize);
        const ph = parseFloat(getComputedStyle(input, '::placeholder').fontSize || String(size));
        if (size < minF || ph < minF) small.push(`input ${(input as HTMLInputElement).placeholder} ${size}px/${ph}px`);
        if (input.scrollWidth > input.clientWidth + 1 && (input as HTMLInputElement).value) clipped.push(`input ${(input as HTMLInputElement).value}`);
      }
      const targets: string[] = [];
      for (const el of root.querySelectorAll('taro-button-core')) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width < minT || r.height < minT) targets.push(`${(el.textContent ?? '').trim().slice(0, 24)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      return { clipped, small, targets, elderRoot: root.classList.contains('elder') };
    },
    [elder ? 60 : 44, elder ? 18 : 0] as const,
  );
}

/** Today's date in the kiosk's time zone (Asia/Shanghai). */
export const todayInShanghai = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const axePath = createRequire(__filename).resolve('axe-core/axe.min.js');

/** Serious or critical axe-core violations on the visible page (contrast, names, roles…). */
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
