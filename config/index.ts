/**
 * Taro build configuration for the weapp and h5 builds of the same pages.
 * - weapp (dist/weapp) is the product: the mini-program, calling cloud functions with
 *   `wx.cloud.callFunction`. It also gets `sitemap.json` (src/sitemap.json, copied for weapp only);
 *   the local H5 app gets `favicon.ico` (src/favicon.ico).
 * - h5 exists only as the local demo, `TARO_APP_LOCAL=1` (used by `npm start`, `npm run
 *   build:h5:local`), written to dist/h5-local: it calls the local gateway (`/api/functions`,
 *   `/api/local/people`), which exists only on this machine, and shows the "act as" identity
 *   switch. There is no production H5 build: `taro build --type h5` without `TARO_APP_LOCAL=1`
 *   throws {@link H5_REFUSAL} (the build fails), because such a build would call an endpoint that
 *   exists only locally.
 * - Design width 375 (NutUI's), so px in styles are CSS px on H5 and scaled rpx in the mini-program.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { createSwcRegister, dotenvParse } from '@tarojs/helper';

/**
 * cloudfunctions/shared/templates.ts (the one list of subscribe-message templates). Taro compiles
 * only files under config/ when it loads this file, so a plain import of that TypeScript fails
 * ("Unexpected token 'export'"); Taro's own swc hook is widened to it, then it is required.
 */
function sharedTemplates(): typeof import('../cloudfunctions/shared/templates') {
  const file = path.resolve(__dirname, '../cloudfunctions/shared/templates.ts');
  createSwcRegister({ only: [(f: string) => f.startsWith(__dirname) || f === file] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file);
}
const { buildTemplateIds, TEMPLATES } = sharedTemplates();

/**
 * Pure modules of the cloud functions the pages share (the ticket labels: cloudfunctions/shared/vocabulary/categories.ts;
 * each function's `limits.ts`; the shared vocabulary — role and status names, phone masking, spoken consent: cloudfunctions/shared/vocabulary/).
 * Outside sourceRoot, so they must be named to be compiled (else the build fails on their TypeScript).
 */
const SHARED_WITH_FUNCTIONS = [path.resolve(__dirname, '../cloudfunctions/ticket/domain'), path.resolve(__dirname, '../cloudfunctions/shared/vocabulary')];
/**
 * And every function's `limits.ts` (issue 19: the plain numbers its schemas and the pages' forms share,
 * e.g. cloudfunctions/market/limits.ts), found by name so that a function adding one needs no line here.
 */
const FUNCTIONS_DIR = path.resolve(__dirname, '../cloudfunctions');
SHARED_WITH_FUNCTIONS.push(...fs.readdirSync(FUNCTIONS_DIR).map((d) => path.join(FUNCTIONS_DIR, d, 'limits.ts')).filter((f) => fs.existsSync(f)));
// the stall labels and statuses the pages show (`cloudfunctions/stall/domain/stalls.ts`)
SHARED_WITH_FUNCTIONS.push(path.resolve(__dirname, '../cloudfunctions/stall/domain'));
// a topic's phase names (`cloudfunctions/consult/domain/phase.ts` PHASE_LABELS, src/consultAdmin/labels.ts)
SHARED_WITH_FUNCTIONS.push(path.resolve(__dirname, '../cloudfunctions/consult/domain'));

/** Why a production H5 build is refused (Chinese, then English). */
export const H5_REFUSAL = [
  '不提供生产环境的 H5 构建：H5 版只作为本地演示存在（TARO_APP_LOCAL=1，输出到 dist/h5-local），',
  '它调用的 /api/functions 和 /api/local 只在本机的演示服务器上存在。产品是小程序（npm run build:weapp）和云函数。',
  '本地演示请用 npm start 或 npm run build:h5:local。',
  'There is no production H5 build: the H5 app exists only as the local demo (TARO_APP_LOCAL=1, dist/h5-local),',
  'because it calls /api/functions and /api/local, which exist only on the local demo server. The products are the',
  'mini-program (npm run build:weapp) and the cloud functions. For the local demo use npm start or npm run build:h5:local.',
].join('\n');

/**
 * The weapp build reads the deploy env file (`.env`, `.env.local`, `.env.<mode>`, `.env.<mode>.local`
 * with Taro's own loader, the files and order `taro build --mode` uses; docs/deploy.md): the same
 * `ENV_ID` and `KIOSK_*_TEMPLATE_ID` that cloudbaserc.json gives the functions become the build's
 * `TARO_APP_CLOUD_ENV` and `TARO_APP_*_TEMPLATE_ID` unless those are set. The local H5 demo never reads
 * it (its pages must ask for the stand-ins its emulator functions send).
 */
function useDeployEnv(mode: string): void {
  dotenvParse(path.resolve(__dirname, '..'), ['ENV_ID', 'KIOSK_'], mode);
  const pairs: [string, string][] = [['TARO_APP_CLOUD_ENV', 'ENV_ID'], ...Object.values(TEMPLATES).map((t): [string, string] => [t.buildVar, t.envVar])];
  for (const [buildVar, deployVar] of pairs) if (!process.env[buildVar] && process.env[deployVar]) process.env[buildVar] = process.env[deployVar];
}

export default defineConfig<'webpack5'>(async (_merge, { mode }) => {
  const platform = process.env.TARO_ENV ?? 'h5';
  const local = platform === 'h5' && process.env.TARO_APP_LOCAL === '1';
  if (platform === 'h5' && !local) throw new Error(H5_REFUSAL);
  if (platform === 'weapp') useDeployEnv(mode);
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'jieyoupu',
    date: '2026-11-22',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: local ? 'dist/h5-local' : `dist/${platform}`,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      LOCAL_RUNTIME: JSON.stringify(local),
      CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      // every subscribe-message template id by key (cloudfunctions/shared/templates.ts: one list for functions, pages and deploy)
      TEMPLATE_IDS: JSON.stringify(buildTemplateIds()),
    },
    // the mini-program's sitemap (app.config.ts: sitemapLocation); the local H5 app's favicon (src/index.html links it)
    copy: {
      patterns: platform === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : local ? [{ from: 'src/favicon.ico', to: 'dist/h5-local/favicon.ico' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: SHARED_WITH_FUNCTIONS },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      compile: { include: SHARED_WITH_FUNCTIONS },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return config;
});
