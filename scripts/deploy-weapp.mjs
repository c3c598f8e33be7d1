#!/usr/bin/env node
/**
 * `npm run deploy:weapp` — uploads the built mini-program (dist/weapp, as project.config.json's
 * miniprogramRoot says) to WeChat as a development version, with `miniprogram-ci` (WeChat's own
 * upload module, the same as DevTools' 上传). An administrator then picks it as the 体验版 or
 * submits it for review in the WeChat admin console (mp.weixin.qq.com).
 *
 * Inputs (environment):
 *   WX_APPID             the mini-program's AppID (wx + 16 hex digits);
 *   WX_PRIVATE_KEY_PATH  path of the code-upload key (代码上传密钥) downloaded from mp.weixin.qq.com →
 *                        开发 → 开发管理 → 开发设置 (the uploading machine's IP must be on its allow-list);
 *   WX_ROBOT             optional, which CI robot (1–30) the version is attributed to (default 1).
 * Version: package.json's `version`; description: the git commit (`<short hash> <subject>`), or
 * "解忧铺 <version>" outside a git checkout.
 * `--dry-run` checks everything and prints what it would upload, without loading miniprogram-ci
 * or touching the network.
 * Exit codes: 0 uploaded (prints the package sizes WeChat reports); 1 the upload failed; 2 something
 * is missing before any upload (AppID, key file, the weapp build), with the reason in Chinese and
 * English. Build first: `TARO_APP_CLOUD_ENV=<env id> npm run build:weapp`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function fail(zh, en) {
  console.error(`${zh}\n${en}`);
  process.exit(2);
}

const appid = (process.env.WX_APPID ?? '').trim();
const keyPath = (process.env.WX_PRIVATE_KEY_PATH ?? '').trim();
const missing = [!appid && 'WX_APPID', !keyPath && 'WX_PRIVATE_KEY_PATH'].filter(Boolean);
if (missing.length)
  fail(
    `缺少环境变量：${missing.join('、')}。上传小程序需要 WX_APPID（小程序的 AppID）和 WX_PRIVATE_KEY_PATH（代码上传密钥文件的路径，在微信公众平台 → 开发 → 开发管理 → 开发设置 中下载，并把本机 IP 加入白名单）。见 docs/deploy.md。`,
    `Missing environment variables: ${missing.join(', ')}. Uploading the mini-program needs WX_APPID (the mini-program's AppID) and WX_PRIVATE_KEY_PATH (the path of the code-upload key, downloaded from mp.weixin.qq.com → 开发 → 开发管理 → 开发设置, with this machine's IP on its allow-list). See docs/deploy.md.`,
  );
if (!/^wx[0-9a-f]{16}$/i.test(appid)) fail(`WX_APPID 不像小程序的 AppID：${appid}（应为 wx 加 16 位十六进制数）。`, `WX_APPID does not look like a mini-program AppID: ${appid} (wx followed by 16 hex digits).`);
const key = path.resolve(keyPath);
if (!fs.existsSync(key) || !fs.statSync(key).isFile()) fail(`找不到代码上传密钥文件：${key}。`, `The code-upload key file does not exist: ${key}.`);
if (!/PRIVATE KEY/.test(fs.readFileSync(key, 'utf8'))) fail(`${key} 不是私钥文件（应包含 PRIVATE KEY）。`, `${key} is not a private key (it should contain PRIVATE KEY).`);
const robot = Number(process.env.WX_ROBOT ?? 1);
if (!Number.isInteger(robot) || robot < 1 || robot > 30) fail(`WX_ROBOT 应为 1–30：${process.env.WX_ROBOT}。`, `WX_ROBOT must be 1–30: ${process.env.WX_ROBOT}.`);

const projectConfig = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8'));
const miniprogramRoot = path.join(root, projectConfig.miniprogramRoot ?? 'dist/weapp/');
if (!fs.existsSync(path.join(miniprogramRoot, 'app.json')))
  fail(
    `还没有构建小程序（${path.relative(root, miniprogramRoot)}/app.json 不存在）：先运行 TARO_APP_CLOUD_ENV=<环境 ID> npm run build:weapp。`,
    `The mini-program is not built (${path.relative(root, miniprogramRoot)}/app.json is missing): run TARO_APP_CLOUD_ENV=<env id> npm run build:weapp first.`,
  );

const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
let desc;
try {
  desc = execFileSync('git', ['log', '-1', '--format=%h %s'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  desc = '';
}
desc = (desc || `解忧铺 ${version}`).slice(0, 200);

const plan = { appid, projectPath: root, miniprogramRoot: path.relative(root, miniprogramRoot), privateKeyPath: key, version, desc, robot };
if (process.argv.includes('--dry-run')) {
  console.log(`deploy:weapp --dry-run (nothing uploaded): ${JSON.stringify(plan)}`);
  process.exit(0);
}

const ci = require('miniprogram-ci');
const project = new ci.Project({ appid, type: 'miniProgram', projectPath: root, privateKeyPath: key, ignores: ['node_modules/**/*'] });
console.log(`uploading ${plan.miniprogramRoot} as version ${version} (${desc}) for ${appid}, robot ${robot} …`);
try {
  const result = await ci.upload({
    project,
    version,
    desc,
    robot,
    setting: { useProjectConfig: true },
    onProgressUpdate: (task) => {
      if (typeof task === 'string') console.log(task);
      else if (task && task.status === 'done') console.log(`✓ ${task.message}`);
    },
  });
  for (const p of result.subPackageInfo ?? []) console.log(`${p.name}: ${(p.size / 1024).toFixed(1)} KB`);
  console.log('上传完成：在微信公众平台 → 管理 → 版本管理 中设为体验版或提交审核。Uploaded: choose it as the trial version or submit it for review in mp.weixin.qq.com → 管理 → 版本管理.');
} catch (e) {
  console.error(`上传失败 / upload failed: ${e && e.message ? e.message : e}`);
  process.exit(1);
}
