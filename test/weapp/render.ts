/**
 * Rendering compiled weapp pages in miniprogram-simulate. A page's compiled JS registers its
 * webpack chunk once per global environment, so each test file loads a page route at most once.
 */
import fs from 'node:fs';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { installHost, type HostOptions } from './host';

let renders = 0;

/** Loads and attaches a compiled page (as `host.next`), with a unique tag per load. */
export async function renderPage(host: HostOptions, route: string, query: Record<string, string> = {}, opts: { alone?: boolean } = {}) {
  host.next = { route, query, ...(opts.alone ? { alone: true } : {}) };
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


/** A local cloud plus the mini-program host, logged in (WeChat identity) as `openid`. */
export interface WeappEnv {
  cloud: TestCloud;
  host: HostOptions;
  /** Installs the host (loads app.js); call after seeding what the pages should show. */
  install(): void;
  close(): Promise<void>;
}

/** Starts a seeded local cloud for the compiled weapp in dist/weapp (built by `npm run build:weapp`). */
export async function startWeapp(openid: string): Promise<WeappEnv> {
  const weappRoot = path.resolve(__dirname, '../../dist/weapp');
  if (!fs.existsSync(path.join(weappRoot, 'app.js'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` first (npm test does)');
  const cloud = await startTestCloud();
  const host: HostOptions = { weappRoot, next: { route: 'pages/index/index', query: {} }, log: [], callFunction: (name, data) => cloud.call(name, data, openid) };
  let uninstall: (() => void) | null = null;
  return {
    cloud,
    host,
    install: () => {
      uninstall = installHost(host);
    },
    close: async () => {
      uninstall?.();
      await cloud.close();
    },
  };
}
