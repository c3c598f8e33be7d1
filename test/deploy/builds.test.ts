/**
 * Which builds are products (issue 7, parts 3 and 5):
 * - there is no production H5 build: `taro build --type h5` without TARO_APP_LOCAL=1 fails with a
 *   clear message (config/index.ts), because the H5 app calls endpoints that exist only locally;
 * - the mini-program (dist/weapp) references neither `/api/functions` nor `/api/local` nor the demo
 *   identity (issue 19: no local-demo code in the product), calls `wx.cloud`, declares
 *   `lazyCodeLoading` and a sitemap, and ships that sitemap;
 * - what makes this so (issue 19, "platform by file suffix"): the platform is chosen by Taro's
 *   multi-platform files (`x.weapp.ts` / `x.h5.ts` beside a neutral `x.ts` that TypeScript reads), not by
 *   `process.env.TARO_ENV` / `LOCAL_RUNTIME` branches in src/services, and every twin is in the
 *   compile-time interface check (src/services/platforms.ts).
 * The dist/weapp checks need `npm run build:weapp` (npm test builds it before jest); without that
 * build they are skipped with a message saying so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const weapp = path.join(root, 'dist/weapp');
const hasWeapp = fs.existsSync(path.join(weapp, 'app.json'));
if (!hasWeapp) console.warn('dist/weapp is missing: the built mini-program checks are skipped (run npm run build:weapp, as npm test does)');
const withWeapp = hasWeapp ? it : it.skip;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('the H5 build', () => {
  it('is refused without TARO_APP_LOCAL=1, with a message in Chinese and English', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.TARO_APP_LOCAL;
    const r = spawnSync(path.join(root, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status).not.toBe(0);
    expect(out).toContain('There is no production H5 build');
    expect(out).toContain('不提供生产环境的 H5 构建');
    expect(out).toContain('build:h5:local');
  });

  it('is offered only as the local demo (package.json has build:h5:local and no build:h5)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['build:h5']).toBeUndefined();
    expect(pkg.scripts['build:h5:local']).toMatch(/TARO_APP_LOCAL=1 taro build --type h5/);
  });
});

describe('the mini-program build (dist/weapp)', () => {
  withWeapp('calls no endpoint that exists only locally', () => {
    const offenders = filesUnder(weapp).filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return text.includes('/api/functions') || text.includes('/api/local') || /x-wx-openid/i.test(text) || text.includes('kiosk.actingOpenid');
    });
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  withWeapp("is built from the mini-program's platform files (wx.cloud calls, WeChat's subscribe dialog)", () => {
    const js = filesUnder(weapp)
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    for (const api of ['callFunction', 'uploadFile', 'requestSubscribeMessage']) expect(js).toContain(api);
  });

  withWeapp('loads components on demand and ships its sitemap', () => {
    const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8')) as { lazyCodeLoading?: string; sitemapLocation?: string };
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(app.sitemapLocation).toBe('sitemap.json');
    const sitemap = JSON.parse(fs.readFileSync(path.join(weapp, app.sitemapLocation as string), 'utf8')) as { rules: { action?: string; page: string }[] };
    expect(sitemap).toEqual(JSON.parse(fs.readFileSync(path.join(root, 'src/sitemap.json'), 'utf8')));
    expect(sitemap.rules.length).toBeGreaterThan(0);
    // every page a rule names exists in app.json
    const appJson = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
    const pages = new Set([...appJson.pages, ...(appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]);
    for (const rule of sitemap.rules) if (rule.page !== '*') expect(pages.has(rule.page)).toBe(true);
  });
});

describe('the platform is chosen by file, not by branches (src/services)', () => {
  const dir = path.join(root, 'src/services');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
  const platformFile = /^(.+)\.(weapp|h5)\.ts$/;

  it('has no TARO_ENV or LOCAL_RUNTIME check', () => {
    const branches = files.filter((f) => /process\.env\.TARO_ENV|\bLOCAL_RUNTIME\b/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(branches).toEqual([]);
  });

  it('has both platform files and a neutral one for every twin, each in the interface check', () => {
    const bases = [...new Set(files.map((f) => platformFile.exec(f)?.[1]).filter((b): b is string => !!b))].sort();
    expect(bases).toEqual(['cloud', 'identity', 'subscribe', 'upload']);
    const check = fs.readFileSync(path.join(dir, 'platforms.ts'), 'utf8');
    for (const b of bases) {
      for (const f of [`${b}.ts`, `${b}.weapp.ts`, `${b}.h5.ts`]) expect(files).toContain(f);
      expect(check).toContain(`Keeps<typeof import('./${b}.weapp'), typeof import('./${b}')>`);
      expect(check).toContain(`Keeps<typeof import('./${b}.h5'), typeof import('./${b}')>`);
    }
  });

  it('has no Babel step that strips branches any more (babel.config.js is the Taro preset alone)', () => {
    expect(fs.existsSync(path.join(root, 'config/babel-fold-taro-env.js'))).toBe(false);
    const babel = require(path.join(root, 'babel.config.js')) as { plugins?: unknown[] };
    expect(babel.plugins ?? []).toEqual([]);
  });
});
