/**
 * `npm run preflight` (scripts/preflight.mjs), run as a deployer runs it, against fixtures: a good
 * deploy env file passes; a missing template id, a local stand-in, a placeholder, an AppID that is
 * not project.config.json's, a `.env.production` or shell variable that would give the weapp build
 * other ids than the functions, a collection over CloudBase's index limit and a function bundle over
 * the upload limits each fail with their own verdict (Chinese and English) and exit 1. `--ci` skips
 * the ids and keeps the other checks; the repository's own schema passes the index check. The
 * committed `.env.example` names every variable and `.env` is ignored by git.
 * Limits and their sources: docs/deploy.md, "Preflight".
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEMPLATES } from '../../cloudfunctions/shared/templates';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/preflight.mjs');

interface Item {
  id: string;
  status: 'pass' | 'fail' | 'skip';
  zh: string;
  en: string;
}
interface Result {
  code: number | null;
  ok: boolean;
  items: Item[];
  byId: (id: string) => Item;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const APPID = 'wx0123456789abcdef';
/** A deploy env file with every variable set to a real-looking value. */
const goodEnv = (): Record<string, string> => ({
  ENV_ID: 'jieyoupu-1a2b3c',
  WX_APPID: APPID,
  ...Object.fromEntries(Object.values(TEMPLATES).map((t, n) => [t.envVar, `Hx1ujz6ZK9a7LBV3Pcxgzjfnkyo7tS7Fq-rWDoa${n}`])),
});

let fixtureCount = 0;
/** A fixture folder: env files, project.config.json, a schema and built function bundles. */
function fixture(opts: {
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
  appid?: string;
  schema?: object;
  bundles?: Record<string, (dir: string) => void>;
}): { dir: string; args: string[] } {
  const dir = path.join(tmp, `f${fixtureCount++}`);
  fs.mkdirSync(dir);
  const env = opts.env ?? goodEnv();
  const line = (k: string, v: string | undefined) => (v === undefined ? '' : `${k}=${v}\n`);
  fs.writeFileSync(path.join(dir, '.env'), `# fixture\n${Object.entries(env).map(([k, v]) => line(k, v)).join('')}`);
  for (const [name, text] of Object.entries(opts.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ appid: opts.appid ?? APPID }));
  const schemaFile = path.join(dir, 'schema.json');
  fs.writeFileSync(schemaFile, JSON.stringify(opts.schema ?? { collections: { tickets: { indexes: [{ name: 'a', fields: { a: 1 } }] } } }));
  const functions = path.join(dir, 'functions');
  for (const [name, make] of Object.entries(opts.bundles ?? { small: (d: string) => fs.writeFileSync(path.join(d, 'index.js'), 'exports.main = async () => 1;\n') })) {
    fs.mkdirSync(path.join(functions, name), { recursive: true });
    make(path.join(functions, name));
  }
  return { dir, args: ['--env-dir', dir, '--project-config', path.join(dir, 'project.config.json'), '--schema', schemaFile, '--functions', functions] };
}

/** Runs the script with `args` in a clean shell (only PATH and HOME, plus `shell`). */
function run(args: string[], shell: Record<string, string> = {}): Result & { text: string } {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...shell } as unknown as NodeJS.ProcessEnv;
  const json = spawnSync(process.execPath, [script, '--json', ...args], { encoding: 'utf8', env });
  const text = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env });
  expect(text.status).toBe(json.status);
  const r = JSON.parse(json.stdout) as { ok: boolean; items: Item[] };
  const byId = (id: string) => {
    const i = r.items.find((x) => x.id === id);
    if (!i) throw new Error(`no item ${id} in ${r.items.map((x) => x.id).join(', ')}`);
    return i;
  };
  return { code: json.status, ...r, byId, text: text.stdout };
}

const failed = (r: Result) => r.items.filter((i) => i.status === 'fail').map((i) => i.id);

it('passes a good deploy env file, prints a verdict per item and exits 0', () => {
  const r = run(fixture({}).args);
  expect(failed(r)).toEqual([]);
  expect(r.code).toBe(0);
  for (const t of Object.values(TEMPLATES)) expect(r.items.some((i) => i.zh.includes(t.envVar) && i.status === 'pass')).toBe(true);
  expect(r.byId('env.ENV_ID').status).toBe('pass');
  expect(r.byId('env.WX_APPID').status).toBe('pass');
  expect(r.byId('project.appid').status).toBe('pass');
  expect(r.byId('index.tickets').status).toBe('pass');
  expect(r.byId('bundle.small').status).toBe('pass');
  expect(r.byId('weapp.size').en).toContain('npm run size');
  expect(r.text).toContain('✔ 通过 PASS');
  expect(r.text).toContain('结论：预检通过');
  expect(r.text).toContain('Verdict: preflight passed');
});

it('fails a missing template id, naming it, and exits 1', () => {
  const env = goodEnv();
  delete env[TEMPLATES.stallDraw.envVar];
  const r = run(fixture({ env }).args);
  expect(failed(r)).toEqual(['template.stallDraw']);
  expect(r.code).toBe(1);
  expect(r.byId('template.stallDraw').zh).toContain('KIOSK_STALL_DRAW_TEMPLATE_ID 未设置');
  expect(r.byId('template.stallDraw').en).toContain('KIOSK_STALL_DRAW_TEMPLATE_ID not set');
  expect(r.text).toContain('✘ 未通过 FAIL');
  expect(r.text).toContain('预检未通过（1 项）');
});

it('fails local stand-ins and placeholders: a template localId, touristappid, the emulator env id, an example value', () => {
  const env = { ...goodEnv(), [TEMPLATES.ticketProgress.envVar]: TEMPLATES.ticketProgress.localId, [TEMPLATES.bookingChange.envVar]: '<模板ID>', ENV_ID: 'local-kiosk', WX_APPID: 'touristappid' };
  const r = run(fixture({ env, appid: 'touristappid' }).args);
  expect(failed(r).sort()).toEqual(['env.ENV_ID', 'env.WX_APPID', 'project.appid', 'template.bookingChange', 'template.ticketProgress'].sort());
  expect(r.byId('template.ticketProgress').zh).toContain('本地替身');
  expect(r.byId('template.ticketProgress').en).toContain('local stand-in');
  expect(r.byId('template.bookingChange').en).toContain('placeholder');
  expect(r.byId('project.appid').zh).toContain('touristappid');
  expect(r.code).toBe(1);
});

it("fails an AppID that is not project.config.json's, and one that is not an AppID", () => {
  expect(failed(run(fixture({ appid: 'wx1111111111111111' }).args))).toEqual(['project.appid']);
  expect(failed(run(fixture({ env: { ...goodEnv(), WX_APPID: 'jieyoupu' }, appid: 'jieyoupu' }).args))).toEqual(['env.WX_APPID']);
});

it('fails when the weapp build would get other ids than the functions (.env.production, the shell)', () => {
  const other = `${TEMPLATES.ticketProgress.envVar}=SomethingElse0123456789\n`;
  expect(failed(run(fixture({ files: { '.env.production': other } }).args))).toEqual(['env.same']);
  const shell = run(fixture({}).args, { [TEMPLATES.ticketProgress.buildVar]: 'SomethingElse0123456789' });
  expect(failed(shell)).toEqual(['env.same']);
  expect(shell.byId('env.same').en).toContain(TEMPLATES.ticketProgress.envVar);
  // .env.local is read by both tools, over .env
  const local = run(fixture({ env: { ...goodEnv(), ENV_ID: '' }, files: { '.env.local': 'ENV_ID=jieyoupu-9z9z9z\n' } }).args);
  expect(failed(local)).toEqual([]);
  expect(local.byId('env.ENV_ID').zh).toContain('jieyoupu-9z9z9z');
});

it('fails without any env file', () => {
  const { dir, args } = fixture({});
  fs.rmSync(path.join(dir, '.env'));
  const r = run(args);
  expect(r.byId('env.files').status).toBe('fail');
  expect(r.byId('env.files').zh).toContain('.env.example');
  expect(r.code).toBe(1);
});

it('fails a collection over the index limit (20 counting _id) and passes one at it', () => {
  const indexes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `i${i}`, fields: { [`f${i}`]: 1, at: -1 } }));
  const over = run(fixture({ schema: { collections: { tickets: { indexes: [...indexes(19), { name: 'lead', fields: { f0: 1 } }] }, users: { indexes: indexes(2) } } } }).args);
  expect(failed(over)).toEqual(['index.tickets']);
  expect(over.byId('index.tickets').zh).toContain('21 个索引');
  expect(over.byId('index.tickets').en).toContain('limit of 20');
  expect(over.byId('index.tickets').en).toContain('lead lead other indexes'); // the merge hint: {f0} leads {f0, at}
  expect(over.code).toBe(1);
  const at = run(fixture({ schema: { collections: { tickets: { indexes: indexes(19) } } } }).args);
  expect(at.byId('index.tickets').status).toBe('pass');
  expect(at.byId('index.tickets').en).toContain('20 indexes');
});

it('fails a bundle over the zipped upload limit (1.5 MB) and one over the unzipped limit (500 MB)', () => {
  const r = run(
    fixture({
      bundles: {
        big: (d) => {
          fs.writeFileSync(path.join(d, 'index.js'), 'exports.main = async () => 1;\n');
          fs.writeFileSync(path.join(d, 'data.bin'), randomBytes(1.6 * 1024 * 1024)); // does not compress
        },
        huge: (d) => {
          fs.writeFileSync(path.join(d, 'index.js'), 'exports.main = async () => 1;\n');
          const fd = fs.openSync(path.join(d, 'blob.bin'), 'w');
          fs.ftruncateSync(fd, 501 * 1024 * 1024); // sparse: its size counts, nothing is written
          fs.closeSync(fd);
        },
        ok: (d) => {
          fs.writeFileSync(path.join(d, 'index.js'), `exports.main = async () => ${JSON.stringify('x'.repeat(3 * 1024 * 1024))};\n`); // 3 MB that compresses well
          fs.mkdirSync(path.join(d, 'node_modules'));
          fs.writeFileSync(path.join(d, 'node_modules', 'ignored.bin'), randomBytes(2 * 1024 * 1024));
        },
        unbuilt: () => undefined,
      },
    }).args,
  );
  expect(failed(r).sort()).toEqual(['bundle.big', 'bundle.huge', 'bundle.unbuilt']);
  expect(r.byId('bundle.big').zh).toContain('超过 1.50 MB 的上传上限');
  expect(r.byId('bundle.huge').en).toContain('over the limit of 500.00 MB');
  expect(r.byId('bundle.unbuilt').en).toContain('npm run build:functions');
  expect(r.byId('bundle.ok').status).toBe('pass');
  expect(r.code).toBe(1);
});

it('--ci skips the ids (CI has only the local stand-ins) and still checks indexes and bundles', () => {
  const { dir, args } = fixture({ env: {}, appid: 'touristappid', schema: { collections: { tickets: { indexes: Array.from({ length: 20 }, (_, i) => ({ name: `i${i}`, fields: { [`f${i}`]: 1 } })) } } } });
  fs.rmSync(path.join(dir, '.env'));
  const r = run(['--ci', ...args]);
  expect(r.byId('env').status).toBe('skip');
  expect(r.items.some((i) => i.id.startsWith('template.') || i.id === 'project.appid')).toBe(false);
  expect(failed(r)).toEqual(['index.tickets']);
});

it("passes the repository's own schema (database/schema.json, what db-setup creates) under the index limit", () => {
  const r = run(['--ci', '--functions', fixture({}).args[7]]);
  const indexItems = r.items.filter((i) => i.id.startsWith('index.'));
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'database/schema.json'), 'utf8')) as { collections: Record<string, unknown> };
  expect(indexItems.map((i) => i.id.slice(6)).sort()).toEqual(Object.keys(schema.collections).sort());
  expect(indexItems.filter((i) => i.status !== 'pass')).toEqual([]);
  expect(r.byId('cloudbaserc').status).toBe('pass');
});

it('.env.example names every variable preflight checks, and git ignores the real .env files', () => {
  const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
  const names = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
  for (const n of ['ENV_ID', 'WX_APPID', ...Object.values(TEMPLATES).map((t) => t.envVar)]) expect(names).toContain(n);
  const rc = fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8');
  for (const m of rc.matchAll(/\{\{env\.([A-Za-z0-9_]+)\}\}/g)) expect(names).toContain(m[1]);
  for (const f of ['.env', '.env.local', '.env.production']) {
    expect(spawnSync('git', ['check-ignore', '-q', f], { cwd: root }).status).toBe(0);
  }
  expect(spawnSync('git', ['check-ignore', '-q', '.env.example'], { cwd: root }).status).toBe(1);
});
