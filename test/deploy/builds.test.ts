/**
 * Which builds are products (issue 7, parts 3 and 5):
 * - there is no production H5 build: `taro build --type h5` without TARO_APP_LOCAL=1 fails with a
 *   clear message (config/index.ts), because the H5 app calls endpoints that exist only locally;
 * - the mini-program (dist/weapp) references neither `/api/functions` nor `/api/local`, declares
 *   `lazyCodeLoading` and a sitemap, and ships that sitemap;
 * - the Babel step that makes this so (config/babel-fold-taro-env.js) removes another platform's
 *   branch even inside an async function.
 * The dist/weapp checks need `npm run build:weapp` (npm test builds it before jest); without that
 * build they are skipped with a message saying so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from '@babel/core';

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
      return text.includes('/api/functions') || text.includes('/api/local') || /x-wx-openid/i.test(text);
    });
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
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

describe('folding process.env.TARO_ENV before Babel compiles async functions', () => {
  const source = `
    export async function call(name) {
      if (process.env.TARO_ENV === 'weapp') {
        return await wx.cloud.callFunction({ name });
      } else {
        return await fetch('/api/functions/' + name);
      }
    }
    export const where = process.env.TARO_ENV === 'h5' ? '/api/local/people' : 'cloud';
  `;
  const compile = (platform: string): string => {
    const before = process.env.TARO_ENV;
    process.env.TARO_ENV = platform;
    try {
      return (
        transformSync(source, {
          babelrc: false,
          configFile: false,
          plugins: [path.join(root, 'config/babel-fold-taro-env.js')],
          presets: [['@babel/preset-env', { targets: { ios: '8' } }]],
        })?.code ?? ''
      );
    } finally {
      if (before === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV');
      else process.env.TARO_ENV = before;
    }
  };

  it('drops the local gateway from a weapp build and keeps it in an H5 build', () => {
    const weappCode = compile('weapp');
    expect(weappCode).toContain('callFunction');
    expect(weappCode).not.toContain('/api/functions');
    expect(weappCode).not.toContain('/api/local');
    const h5Code = compile('h5');
    expect(h5Code).toContain('/api/functions');
    expect(h5Code).toContain('/api/local/people');
    expect(h5Code).not.toContain('callFunction');
  });
});
