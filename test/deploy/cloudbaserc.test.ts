/**
 * cloudbaserc.json (CloudBase CLI deployment config) is generated from the functions' own
 * config.json by scripts/cloudbaserc.mjs: the committed file must equal what the script generates
 * now, and it must describe every function the build makes with the settings its config.json
 * declares (timeout, environment variables, 7-field timer triggers), a documented Node runtime,
 * dependency install in the cloud, and the environment id as a CLI dynamic variable; every
 * subscribe-message template a function sends (cloudfunctions/shared/templates.ts) reaches it as
 * `{{env.KIOSK_…}}`, filled by the CLI from the deploy env file (docs/deploy.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../../cloudfunctions/shared/templates';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/cloudbaserc.mjs');

interface Trigger {
  name: string;
  type: string;
  config: string;
}
interface FunctionConfig {
  name: string;
  handler: string;
  runtime: string;
  installDependency: boolean;
  timeout: number;
  envVariables: Record<string, string>;
  triggers?: Trigger[];
}
interface Rc {
  version: string;
  envId: string;
  functionRoot: string;
  functions: FunctionConfig[];
}

const committed = fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8');
const rc = JSON.parse(committed) as Rc;

it('is exactly what scripts/cloudbaserc.mjs generates from cloudfunctions/*/config.json (run npm run cloudbaserc if not)', () => {
  const r = spawnSync(process.execPath, [script, '--stdout'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(committed).toBe(r.stdout);
  expect(spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' }).status).toBe(0);
});

it('deploys every function the build makes, from dist/cloudfunctions', () => {
  const built = fs
    .readdirSync(path.join(root, 'cloudfunctions'))
    .filter((n) => fs.existsSync(path.join(root, 'cloudfunctions', n, 'index.ts')))
    .sort();
  expect(rc.functions.map((f) => f.name).sort()).toEqual(built);
  expect(path.resolve(root, rc.functionRoot)).toBe(path.join(root, 'dist/cloudfunctions'));
  const distDir = path.join(root, 'dist/cloudfunctions');
  if (fs.existsSync(distDir)) for (const f of rc.functions) expect(fs.existsSync(path.join(distDir, f.name, 'index.js'))).toBe(true);
});

it("carries each function's timeout, environment and timer triggers from its config.json", () => {
  for (const f of rc.functions) {
    const own = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', f.name, 'config.json'), 'utf8')) as { timeout?: number; envVariables?: Record<string, string>; triggers?: Trigger[] };
    expect(f.timeout).toBe(own.timeout);
    expect(f.timeout).toBeGreaterThanOrEqual(1);
    expect(f.timeout).toBeLessThanOrEqual(60); // the CLI's documented range
    const sent = Object.values(TEMPLATES).filter((t) => t.sender === f.name);
    expect(f.envVariables).toEqual({
      ...own.envVariables,
      ...Object.fromEntries(sent.map((t) => [t.envVar, `{{env.${t.envVar}}}`])),
      // the long-term setting goes to every function that sends a template (docs/long-term-subscriptions.md)
      ...(sent.length ? { KIOSK_LONG_TERM_SUBSCRIPTIONS: '{{env.KIOSK_LONG_TERM_SUBSCRIPTIONS}}' } : {}),
    });
    expect(f.envVariables.TZ).toBe('Asia/Shanghai');
    expect(f.triggers ?? []).toEqual(own.triggers ?? []);
    for (const t of f.triggers ?? []) {
      expect(t.type).toBe('timer');
      expect(t.config.trim().split(/\s+/)).toHaveLength(7);
      expect(t.name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/);
    }
  }
  expect(rc.functions.some((f) => (f.triggers ?? []).length > 0)).toBe(true); // market's timer
});

it('gives every template id to the function that sends it, from the deploy env file', () => {
  for (const t of Object.values(TEMPLATES)) {
    const f = rc.functions.find((x) => x.name === t.sender);
    expect(f?.envVariables[t.envVar]).toBe(`{{env.${t.envVar}}}`);
  }
});

it("carries each function's memorySize from its config.json, else CloudBase's default 256 MB (what the local runtime gives its worker)", () => {
  for (const f of rc.functions as (FunctionConfig & { memorySize: number })[]) {
    const own = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', f.name, 'config.json'), 'utf8')) as { memorySize?: number };
    expect(f.memorySize).toBe(own.memorySize ?? 256);
  }
});

it('uses a documented Node runtime, index.main, cloud dependency install and the CLI env-id variable', () => {
  expect(rc.version).toBe('2.0');
  expect(rc.envId).toBe('{{env.ENV_ID}}');
  for (const f of rc.functions) {
    expect(['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19']).toContain(f.runtime);
    expect(f.handler).toBe('index.main');
    expect(f.installDependency).toBe(true);
  }
});
