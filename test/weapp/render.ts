/**
 * Rendering compiled weapp pages in miniprogram-simulate. A page's compiled JS registers its
 * webpack chunk once per global environment, so each test file loads a page route at most once.
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { HostOptions } from './host';

let renders = 0;

/** Loads and attaches a compiled page (as `host.next`), with a unique tag per load. */
export async function renderPage(host: HostOptions, route: string, query: Record<string, string> = {}) {
  host.next = { route, query };
  renders += 1;
  const id = simulate.load(path.join(host.weappRoot, route), `page-${renders}`, { rootPath: host.weappRoot, compiler: 'official' });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  return page;
}

/** Waits until the page shows `text`; returns all its text. */
export async function waitForText(root: { dom?: Element }, text: string, ms = 15_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const content = root.dom?.textContent ?? '';
    if (content.includes(text)) return content;
    if (Date.now() > until) throw new Error(`"${text}" did not appear; page shows: ${content.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

