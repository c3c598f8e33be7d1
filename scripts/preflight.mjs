#!/usr/bin/env node
/**
 * `npm run preflight` — the checks to pass before a deploy (docs/deploy.md, step 0). Prints one
 * verdict per item in Chinese and English (通过 PASS / 未通过 FAIL / 跳过 SKIP), then the overall
 * verdict; exit 0 when nothing failed, 1 otherwise, 2 on wrong usage.
 *
 * Items:
 *   1. The deploy env file (`.env`, then `.env.local` over it: the files both the CloudBase CLI and
 *      the Taro build always read; with `--mode <m>` also `.env.<m>` and `.env.<m>.local`, as
 *      `tcb … --mode <m>` and `taro build --mode <m>` read them) sets, and not to a local stand-in:
 *      - `ENV_ID`, the CloudBase environment id (not empty, not the emulator's `local-kiosk`);
 *      - `WX_APPID`, the mini-program's AppID (`wx` + 16 hex digits, not `touristappid`), and
 *        project.config.json's `appid` is the same (DevTools and 上传 use that one);
 *      - every subscribe-message template id (cloudfunctions/shared/templates.ts: `envVar`, not its
 *        `localId` nor any `…Local` stand-in);
 *      - `KIOSK_LONG_TERM_SUBSCRIPTIONS` is empty, 0 or 1 (optional: docs/long-term-subscriptions.md);
 *      - every other `{{env.X}}` cloudbaserc.json asks for (e.g. a global webhook setting);
 *      - the weapp build sees the same values: a `.env.production` (the mode `taro build` uses by
 *        default) or a shell variable that says otherwise fails the check.
 *   2. cloudbaserc.json is what scripts/cloudbaserc.mjs generates now.
 *   3. Every collection of database/schema.json (what scripts/db-setup.mjs creates) has at most
 *      {@link INDEX_LIMIT} indexes counting the `_id` index every collection has, and no index has
 *      more than {@link INDEX_FIELDS_LIMIT} fields.
 *   4. Every function bundle dist/cloudfunctions/<name> (npm run build:functions) exists, its files
 *      (without node_modules, which cloudbaserc.json ignores and the cloud installs) are at most
 *      {@link UNZIPPED_LIMIT} bytes, and their zip at most {@link ZIPPED_LIMIT} bytes.
 *   The weapp package sizes are WeChat's and checked by `npm run size` (scripts/size-report.mjs); this
 *   script names it and does not repeat it.
 * Sources of the limits: docs/deploy.md, "Preflight".
 *
 * Options: `--ci` skips item 1 (CI has no real ids: it runs with the local stand-ins) and keeps the
 * rest; `--json` prints `{ ok, items: [{ id, status: 'pass'|'fail'|'skip', zh, en }] }` instead;
 * `--mode <m>`; for tests and other layouts: `--env-dir <dir>` (where the env files are, default the
 * repository root), `--schema <file>`, `--functions <dir>` (default dist/cloudfunctions),
 * `--project-config <file>`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { LONG_TERM_VAR, loadTemplates, render } from './cloudbaserc.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Indexes per collection, counting `_id`'s: WeChat's quota of 小程序·云开发 environments, "Maximum
 * number of indexes in a single collection in the database: 20" (developers.weixin.qq.com
 * …/wxcloud/basis/concepts/quota.html). Tencent's CloudBase FAQ now says 100 per collection; an
 * older WeChat table said 10. We hold the WeChat figure, the stricter current one.
 */
export const INDEX_LIMIT = 20;
/** Fields in one index: CloudBase FAQ, "每个索引最多可包含31个字段" (cloud.tencent.com/document/product/878/18436). */
export const INDEX_FIELDS_LIMIT = 31;
/**
 * A function's zipped code: 1.5 MB, the most the CloudBase API takes inline (`ZipFile`, base64);
 * @cloudbase/manager-node 5.6.5 refuses more on that path ("ZipFile 上传不能大于 1.5MB",
 * lib/function/packer.js API_MAX_SIZE) and sends larger zips through a temporary COS upload. Staying
 * under it keeps every upload path open (CLI, console, DevTools).
 */
export const ZIPPED_LIMIT = 1.5 * 1024 * 1024;
/** A function's code before compression: 500 MB per function version, layers included (SCF quota, cloud.tencent.com/document/product/583/11637). */
export const UNZIPPED_LIMIT = 500 * 1024 * 1024;
/** The emulator's environment id (local/runtime/sdk-env.ts LOCAL_ENV_ID): never a deploy target. */
const LOCAL_ENV_ID = 'local-kiosk';

const require = createRequire(import.meta.url);
/** The .env parser the Taro build uses (@tarojs/helper → dotenv), so both read a file alike. */
const dotenv = createRequire(require.resolve('@tarojs/helper'))('dotenv');

/**
 * The variables of the env files in `dir`, later files over earlier ones: `.env`, `.env.local`, and
 * with `mode` `.env.<mode>`, `.env.<mode>.local` (the order of Taro's dotenvParse and of the
 * CloudBase CLI, whose precedence is .env.[mode] > .env.local > .env). No `${…}` expansion.
 * @returns {{ values: Record<string, string>, files: string[] }}
 */
export function readEnvFiles(dir, mode) {
  const names = ['.env', '.env.local', ...(mode ? [`.env.${mode}`, `.env.${mode}.local`] : [])];
  const values = {};
  const files = [];
  for (const n of names) {
    const p = path.join(dir, n);
    if (!fs.existsSync(p)) continue;
    Object.assign(values, dotenv.parse(fs.readFileSync(p)));
    files.push(n);
  }
  return { values, files };
}

/** Why `value` is not a real setting (Chinese, English), or null when it looks real. */
function standIn(value, { localIds = [], shape, shapeZh, shapeEn }) {
  if (value === undefined || value.trim() === '') return ['未设置', 'not set'];
  if (localIds.includes(value) || /Local$/.test(value)) return [`是本地替身「${value}」`, `is the local stand-in "${value}"`];
  if (/[<>{}…]|xxx|your[-_ ]?/i.test(value)) return [`还是占位文字「${value}」`, `is still a placeholder "${value}"`];
  if (shape && !shape.test(value)) return [`「${value}」${shapeZh}`, `"${value}" ${shapeEn}`];
  return null;
}

/** The size in bytes of the zip of `files` (deflate, as the CLI's packer makes it): headers plus each file's deflated bytes. */
function zipSize(base, files) {
  let total = 22; // end of central directory
  for (const f of files) {
    const name = Buffer.byteLength(path.relative(base, f).split(path.sep).join('/'));
    const data = fs.readFileSync(f);
    const deflated = zlib.deflateRawSync(data, { level: 9 }).length;
    total += 30 + name + Math.min(deflated, data.length) + 46 + name; // local header + data + central directory entry
  }
  return total;
}

/** Every file under `dir`, without node_modules. */
function filesOf(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesOf(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

/**
 * Runs every check. `opts`: { ci, mode, envDir, schema, functions, projectConfig, env (the shell, default process.env) }.
 * @returns {Promise<{ ok: boolean, items: { id: string, status: 'pass'|'fail'|'skip', zh: string, en: string }[] }>}
 */
export async function preflight(opts = {}) {
  const items = [];
  const add = (id, status, zh, en) => items.push({ id, status, zh, en });
  const templates = await loadTemplates();
  const rcText = await render();
  const rc = JSON.parse(rcText);

  // 1. the deploy env file
  const envDir = opts.envDir ?? root;
  const shell = opts.env ?? process.env;
  if (opts.ci) {
    add('env', 'skip', 'CI 模式（--ci）：不检查环境 ID、AppID 和模板 ID（CI 用本地替身）', 'CI mode (--ci): env id, AppID and template ids not checked (CI runs with the local stand-ins)');
  } else {
    const deploy = readEnvFiles(envDir, opts.mode);
    const env = deploy.values;
    add(
      'env.files',
      deploy.files.length ? 'pass' : 'fail',
      deploy.files.length ? `读取了 ${deploy.files.join('、')}` : `${envDir} 下没有 .env：复制 .env.example 为 .env 并填写`,
      deploy.files.length ? `read ${deploy.files.join(', ')}` : `no .env in ${envDir}: copy .env.example to .env and fill it in`,
    );
    const check = (id, name, [zh, en], rule) => {
      const why = standIn(env[name], rule);
      if (why) add(id, 'fail', `${zh} ${name} ${why[0]}`, `${en} ${name} ${why[1]}`);
      else add(id, 'pass', `${zh} ${name} 已设置：${env[name]}`, `${en} ${name} is set: ${env[name]}`);
    };
    check('env.ENV_ID', 'ENV_ID', ['云开发环境 ID', 'CloudBase environment id'], { localIds: [LOCAL_ENV_ID], shape: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, shapeZh: '不像环境 ID（字母、数字、- 和 _）', shapeEn: 'does not look like an environment id (letters, digits, - and _)' });
    check('env.WX_APPID', 'WX_APPID', ['小程序 AppID', 'mini-program AppID'], { localIds: ['touristappid'], shape: /^wx[0-9a-f]{16}$/i, shapeZh: '不像 AppID（wx 加 16 位十六进制数）', shapeEn: 'does not look like an AppID (wx and 16 hex digits)' });
    const projectFile = opts.projectConfig ?? path.join(root, 'project.config.json');
    const appid = JSON.parse(fs.readFileSync(projectFile, 'utf8')).appid;
    const appidWhy = standIn(appid, { localIds: ['touristappid'] });
    if (appidWhy) add('project.appid', 'fail', `project.config.json 的 appid ${appidWhy[0]}：改成你的 AppID（开发者工具和上传用它）`, `project.config.json's appid ${appidWhy[1]}: set your AppID (DevTools and uploads use it)`);
    else if (env.WX_APPID && appid !== env.WX_APPID) add('project.appid', 'fail', `project.config.json 的 appid（${appid}）和 WX_APPID（${env.WX_APPID}）不一样`, `project.config.json's appid (${appid}) differs from WX_APPID (${env.WX_APPID})`);
    else add('project.appid', 'pass', `project.config.json 的 appid 是 ${appid}`, `project.config.json's appid is ${appid}`);
    for (const [key, t] of Object.entries(templates)) {
      check(`template.${key}`, t.envVar, [`订阅消息模板「${t.title}」（${t.sender} 发送）`, `subscribe-message template ${key} (sent by ${t.sender})`], { localIds: [t.localId], shape: /^[A-Za-z0-9_-]+$/, shapeZh: '不像模板 ID（字母、数字、- 和 _）', shapeEn: 'does not look like a template id (letters, digits, - and _)' });
    }
    // long-term subscribe messages: optional, '1' only for a mini-program of a category WeChat opens them to (docs/long-term-subscriptions.md)
    const longTerm = env[LONG_TERM_VAR] ?? '';
    if (!['', '0', '1'].includes(longTerm)) add(`env.${LONG_TERM_VAR}`, 'fail', `${LONG_TERM_VAR} 只能是 1（长期订阅消息）、0 或不写，现在是 ${longTerm}`, `${LONG_TERM_VAR} must be 1 (long-term subscribe messages), 0 or empty, is ${longTerm}`);
    else
      add(
        `env.${LONG_TERM_VAR}`,
        'pass',
        longTerm === '1' ? `${LONG_TERM_VAR}=1：模板是长期订阅模板（小程序类目须为政务民生等，见 docs/long-term-subscriptions.md）` : `${LONG_TERM_VAR} 未开：订阅消息按一次性计数`,
        longTerm === '1' ? `${LONG_TERM_VAR}=1: the templates are long-term ones (the mini-program's category must allow them, docs/long-term-subscriptions.md)` : `${LONG_TERM_VAR} off: subscribe messages are counted as one-time`,
      );
    // any other {{env.X}} cloudbaserc.json needs (global settings such as a webhook origin)
    const known = new Set(['ENV_ID', LONG_TERM_VAR, ...Object.values(templates).map((t) => t.envVar)]);
    const asked = [...new Set([...rcText.matchAll(/\{\{env\.([A-Za-z0-9_]+)\}\}/g)].map((m) => m[1]))].filter((n) => !known.has(n));
    for (const name of asked) check(`env.${name}`, name, ['cloudbaserc.json 需要的变量', 'variable cloudbaserc.json needs'], {});
    // the weapp build (taro build: mode production unless --mode) and the shell must not say otherwise
    const buildMode = opts.mode ?? 'production';
    const build = readEnvFiles(envDir, buildMode).values;
    const names = ['ENV_ID', 'WX_APPID', ...known, ...asked];
    // the build also takes TARO_APP_CLOUD_ENV and TARO_APP_*_TEMPLATE_ID from the shell before the file (config/index.ts)
    const buildNames = { ENV_ID: 'TARO_APP_CLOUD_ENV', ...Object.fromEntries(Object.values(templates).map((t) => [t.envVar, t.buildVar])) };
    const differ = names.filter((n) => (build[n] ?? env[n]) !== env[n] || [n, buildNames[n]].some((s) => s && shell[s] !== undefined && shell[s] !== env[n]));
    if (differ.length)
      add(
        'env.same',
        'fail',
        `小程序构建和云函数会拿到不同的值：${differ.join('、')}（.env.${buildMode} 或命令行环境变量覆盖了 .env）；只在 .env 里写一次`,
        `the weapp build and the functions would get different values for ${differ.join(', ')} (.env.${buildMode} or a shell variable overrides .env); write them once, in .env`,
      );
    else add('env.same', 'pass', '小程序构建和云函数读到同样的值', 'the weapp build and the functions read the same values');
  }

  // 2. cloudbaserc.json is current
  const rcFile = path.join(root, 'cloudbaserc.json');
  const rcCurrent = fs.existsSync(rcFile) && fs.readFileSync(rcFile, 'utf8') === rcText;
  add(
    'cloudbaserc',
    rcCurrent ? 'pass' : 'fail',
    rcCurrent ? 'cloudbaserc.json 是最新的（每个云函数带上它发送的模板 ID 变量）' : 'cloudbaserc.json 不是最新的：运行 npm run cloudbaserc 并提交',
    rcCurrent ? 'cloudbaserc.json is current (each function carries the template-id variables it sends)' : 'cloudbaserc.json is stale: run npm run cloudbaserc and commit it',
  );

  // 3. indexes per collection
  const schemaFile = opts.schema ?? path.join(root, 'database/schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  for (const [name, { indexes = [] }] of Object.entries(schema.collections)) {
    const count = indexes.length + 1; // + the _id index
    const wide = indexes.filter((i) => Object.keys(i.fields).length > INDEX_FIELDS_LIMIT).map((i) => i.name);
    if (count > INDEX_LIMIT) {
      // indexes whose fields lead another index (same order and direction) are the first to merge
      const key = (i) => Object.entries(i.fields).map(([f, d]) => `${f}:${d}`);
      const covered = indexes.filter((i) => !i.unique && indexes.some((o) => o !== i && key(o).length > key(i).length && key(i).every((k, n) => key(o)[n] === k))).map((i) => i.name);
      const hint = covered.length ? `；${covered.join('、')} 是别的索引的前缀，可以并掉` : '';
      const hintEn = covered.length ? `; ${covered.join(', ')} lead other indexes and can be merged into them` : '';
      add(`index.${name}`, 'fail', `集合 ${name} 有 ${count} 个索引（含 _id），超过每个集合 ${INDEX_LIMIT} 个的上限：合并前缀相同的组合索引，删掉没有查询用的${hint}`, `collection ${name} has ${count} indexes (with _id), over the limit of ${INDEX_LIMIT} per collection: merge compound indexes with shared prefixes, drop ones no query uses${hintEn}`);
    } else if (wide.length) {
      add(`index.${name}`, 'fail', `集合 ${name} 的索引 ${wide.join('、')} 超过 ${INDEX_FIELDS_LIMIT} 个字段`, `collection ${name}: index ${wide.join(', ')} has more than ${INDEX_FIELDS_LIMIT} fields`);
    } else {
      add(`index.${name}`, 'pass', `集合 ${name}：${count} 个索引（含 _id），上限 ${INDEX_LIMIT}`, `collection ${name}: ${count} indexes (with _id), limit ${INDEX_LIMIT}`);
    }
  }

  // 4. function bundles
  const functionsDir = opts.functions ?? path.join(root, 'dist/cloudfunctions');
  const names = opts.functions ? fs.readdirSync(functionsDir).filter((n) => fs.statSync(path.join(functionsDir, n)).isDirectory()).sort() : rc.functions.map((f) => f.name);
  for (const name of names) {
    const dir = path.join(functionsDir, name);
    if (!fs.existsSync(path.join(dir, 'index.js'))) {
      add(`bundle.${name}`, 'fail', `云函数 ${name} 还没有构建（${path.relative(root, dir) || dir}/index.js 不存在）：运行 npm run build:functions`, `function ${name} is not built (${path.relative(root, dir) || dir}/index.js is missing): run npm run build:functions`);
      continue;
    }
    const files = filesOf(dir);
    const unzipped = files.reduce((s, f) => s + fs.statSync(f).size, 0);
    if (unzipped > UNZIPPED_LIMIT) {
      add(`bundle.${name}`, 'fail', `云函数 ${name} 的代码有 ${mb(unzipped)}（未压缩），超过 ${mb(UNZIPPED_LIMIT)} 的上限`, `function ${name}'s code is ${mb(unzipped)} unzipped, over the limit of ${mb(UNZIPPED_LIMIT)}`);
      continue;
    }
    const zipped = zipSize(dir, files);
    if (zipped > ZIPPED_LIMIT) add(`bundle.${name}`, 'fail', `云函数 ${name} 的代码包压缩后 ${mb(zipped)}，超过 ${mb(ZIPPED_LIMIT)} 的上传上限（未压缩 ${mb(unzipped)}）`, `function ${name}'s zip is ${mb(zipped)}, over the upload limit of ${mb(ZIPPED_LIMIT)} (unzipped ${mb(unzipped)})`);
    else add(`bundle.${name}`, 'pass', `云函数 ${name}：压缩后 ${mb(zipped)}（上限 ${mb(ZIPPED_LIMIT)}），未压缩 ${mb(unzipped)}（上限 ${mb(UNZIPPED_LIMIT)}）`, `function ${name}: zip ${mb(zipped)} (limit ${mb(ZIPPED_LIMIT)}), unzipped ${mb(unzipped)} (limit ${mb(UNZIPPED_LIMIT)})`);
  }
  // the mini-program's own package sizes: npm run size
  add('weapp.size', 'skip', '小程序主包和分包大小由 npm run size 检查（scripts/size-report.mjs）', "the mini-program's main and subpackage sizes are checked by npm run size (scripts/size-report.mjs)");

  return { ok: !items.some((i) => i.status === 'fail'), items };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let args;
  try {
    args = parseArgs({
      options: {
        ci: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        mode: { type: 'string' },
        'env-dir': { type: 'string' },
        schema: { type: 'string' },
        functions: { type: 'string' },
        'project-config': { type: 'string' },
      },
    }).values;
  } catch (e) {
    console.error(`用法错误：${e.message}\nUsage: npm run preflight -- [--ci] [--json] [--mode <m>] [--env-dir <dir>] [--schema <file>] [--functions <dir>] [--project-config <file>]`);
    process.exit(2);
  }
  const r = await preflight({ ci: args.ci, mode: args.mode, envDir: args['env-dir'], schema: args.schema, functions: args.functions, projectConfig: args['project-config'] });
  if (args.json) {
    console.log(JSON.stringify(r, null, 2));
  } else {
    console.log(`解忧铺部署预检 / deploy preflight${args.ci ? '（--ci）' : ''} — docs/deploy.md`);
    const mark = { pass: '✔ 通过 PASS', fail: '✘ 未通过 FAIL', skip: '－ 跳过 SKIP' };
    for (const i of r.items) console.log(`${mark[i.status]}  ${i.zh} / ${i.en}`);
    const failed = r.items.filter((i) => i.status === 'fail').length;
    console.log(r.ok ? '结论：预检通过，可以部署。 / Verdict: preflight passed, ready to deploy.' : `结论：预检未通过（${failed} 项），先改好再部署。 / Verdict: preflight failed (${failed} items); fix them before deploying.`);
  }
  process.exit(r.ok ? 0 : 1);
}
