/**
 * Browser end-to-end harness: starts `npm start`'s server (scripts/start.mjs) on a free port and a
 * temporary data directory, and drives Debian's Chromium with playwright-core. `step()` saves a
 * screenshot to test-artifacts/e2e/ when a step fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Starts the kiosk as `npm start` does, on a fresh data directory; resolves once /healthz answers. */
export async function startKiosk(): Promise<Kiosk> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), KIOSK_DATA_DIR: dataDir },
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

/** Launches headless Debian Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
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
