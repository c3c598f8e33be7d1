/**
 * `npm run deploy:weapp` (scripts/deploy-weapp.mjs): refuses, before any upload and with a reason
 * in Chinese and English (exit 2), when the AppID or the upload key is missing or wrong or the
 * weapp build is absent; with everything in place, `--dry-run` shows the upload it would make
 * (version from package.json, description from git) without loading miniprogram-ci. Also: adding
 * miniprogram-ci runs nothing at install time (no install script of its own; none of its
 * dependencies' install scripts is approved in package.json's allowScripts, which npm 11 requires).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/deploy-weapp.mjs');
const APPID = 'wx0123456789abcdef';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-weapp-'));
const keyFile = path.join(tmp, 'private.key');
fs.writeFileSync(keyFile, crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));

function run(env: Record<string, string>, args: string[] = []) {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const n of ['WX_APPID', 'WX_PRIVATE_KEY_PATH', 'WX_ROBOT']) delete clean[n];
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('refuses without AppID and key path, naming both, in Chinese and English (exit 2)', () => {
  const r = run({});
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('缺少环境变量：WX_APPID、WX_PRIVATE_KEY_PATH');
  expect(r.stderr).toContain('Missing environment variables: WX_APPID, WX_PRIVATE_KEY_PATH');
  expect(r.stdout).toBe('');
});

it('names only what is missing', () => {
  const r = run({ WX_APPID: APPID });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('Missing environment variables: WX_PRIVATE_KEY_PATH.');
});

it.each([
  ['an AppID that is not one', { WX_APPID: 'touristappid', WX_PRIVATE_KEY_PATH: keyFile }, /does not look like a mini-program AppID/],
  ['a key file that does not exist', { WX_APPID: APPID, WX_PRIVATE_KEY_PATH: path.join(tmp, 'nope.key') }, /does not exist/],
  ['a key file that is no private key', { WX_APPID: APPID, WX_PRIVATE_KEY_PATH: path.join(root, 'package.json') }, /is not a private key/],
  ['a robot out of range', { WX_APPID: APPID, WX_PRIVATE_KEY_PATH: keyFile, WX_ROBOT: '31' }, /WX_ROBOT must be 1–30/],
])('refuses %s before any upload', (_what, env, message) => {
  const r = run(env, ['--dry-run']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stdout).toBe('');
});

it('with AppID, key and the weapp build, plans an upload of dist/weapp as the package.json version with the git commit as description', () => {
  const r = run({ WX_APPID: APPID, WX_PRIVATE_KEY_PATH: keyFile }, ['--dry-run']);
  if (!fs.existsSync(path.join(root, 'dist/weapp/app.json'))) {
    console.warn('dist/weapp is missing: checking the refusal instead of the plan (run npm run build:weapp, as npm test does)');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not built/);
    return;
  }
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const plan = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { appid: string; miniprogramRoot: string; version: string; desc: string; robot: number };
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const head = spawnSync('git', ['log', '-1', '--format=%h'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  expect(plan).toMatchObject({ appid: APPID, miniprogramRoot: 'dist/weapp', version: pkg.version, robot: 1 });
  expect(plan.desc.startsWith(head)).toBe(true);
});

it('installing miniprogram-ci runs no install script (so nothing is downloaded at install time)', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean; version?: string }> };
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; allowScripts?: Record<string, unknown> };
  expect(pkg.devDependencies['miniprogram-ci']).toBeDefined();
  expect(lock.packages['node_modules/miniprogram-ci']?.hasInstallScript ?? false).toBe(false);
  const withScripts = Object.entries(lock.packages)
    .filter(([p, info]) => p.startsWith('node_modules/miniprogram-ci/') && info.hasInstallScript)
    .map(([p]) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length));
  const approved = Object.keys(pkg.allowScripts ?? {});
  expect(withScripts.filter((name) => approved.some((a) => a === name || a.startsWith(`${name}@`)))).toEqual([]);
});
