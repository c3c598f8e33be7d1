/**
 * The compiled mini-program (dist/weapp, built by `npm run build:weapp`) loads in
 * miniprogram-simulate and its home page shows this week's market, fetched through
 * wx.cloud.callFunction from the real functions on the local cloud.
 */
import fs from 'node:fs';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { startTestCloud, openidOf, type TestCloud } from '../support/local-cloud';
import { installHost } from './host';

const weappRoot = path.resolve(__dirname, '../../dist/weapp');
let cloud: TestCloud;
const log: { name: string; args: unknown[] }[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(weappRoot, 'app.js'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` first (npm test does)');
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud?.close());

async function waitForText(root: { dom?: Element }, text: string, ms = 15_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const content = root.dom?.textContent ?? '';
    if (content.includes(text)) return content;
    if (Date.now() > until) throw new Error(`"${text}" did not appear; page shows: ${content.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('the home page of the weapp build shows the coming Friday market', async () => {
  const uninstall = installHost({
    weappRoot,
    route: 'pages/index/index',
    log,
    callFunction: (name, data) => cloud.call(name, data, openidOf('r-zhao')),
  });
  try {
    const id = simulate.load(path.join(weappRoot, 'pages/index/index'), { rootPath: weappRoot, compiler: 'official' });
    const page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));
    const text = await waitForText(page, '预约集市服务');
    expect(text).toContain('最近一次解忧集市');
    expect(text).toMatch(/\d+月\d+日 周五/);
    expect(text).toContain('壁山丽景小区');
    expect(text).not.toContain('本地演示'); // the local identity switch never exists in the weapp build
  } finally {
    uninstall();
  }
}, 60_000);
