/**
 * The local gateway is local (issue 7, part 3): the demo server listens on 127.0.0.1 unless HOST
 * says otherwise, refuses to start next to a real cloud or with NODE_ENV=production, runs only in
 * demo mode, and never hands a function an empty OPENID (that is what the platform's timer trigger
 * looks like): a request without a valid `X-WX-OPENID` acts as a fresh unknown visitor.
 *
 * The HTTP layer is driven with a stand-in for the local cloud that records each call; the guard
 * is checked both as functions and on the bundled server (dist/local/main.js, built by globalSetup).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalCloud } from '../../local/cloud';
import { DEFAULT_HOST, REAL_CLOUD_VARIABLES, demoRefusal, exposureWarning, isLoopbackHost } from '../../local/demo-guard';
import { requestOpenid, startGateway, type Gateway, type GatewayMode } from '../../local/gateway';
import { demoPeople } from '../../local/seed/seed';
import type { DemoPerson } from '../../src/services/identity';

const root = path.resolve(__dirname, '../..');
const mainJs = path.join(root, 'dist/local/main.js');

interface Recorded {
  name: string;
  event: { userInfo?: { openId?: string } } & Record<string, unknown>;
  openid: string;
}

/** A local cloud stand-in: knows function `market`, answers `{ ok: true }` and records every call. */
function recordingCloud(calls: Recorded[]): LocalCloud {
  const stand = {
    pool: { functionNames: () => ['market'] },
    call: async (name: string, event: unknown, openid: string) => {
      calls.push({ name, event: event as Recorded['event'], openid });
      return { ok: true, data: null };
    },
  };
  return stand as unknown as LocalCloud;
}

/** The environment of this test process without anything that would make the demo refuse. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_ENV;
  delete env.HOST;
  for (const name of REAL_CLOUD_VARIABLES) delete env[name];
  return { ...env, ...extra };
}

describe('identity of a gateway request', () => {
  it('passes a valid X-WX-OPENID through unchanged', () => {
    expect(requestOpenid('local-r-zhao')).toBe('local-r-zhao');
  });

  it('makes a fresh non-empty visitor for a missing, empty, malformed or repeated header', () => {
    const ids = [undefined, '', '   ', 'has space', 'x'.repeat(65), ['a', 'b'], undefined].map((h) => requestOpenid(h));
    for (const id of ids) {
      expect(id).toMatch(/^local-visitor-[0-9a-f]{16}$/);
      expect(requestOpenid(id)).toBe(id); // a valid OPENID in its own right
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the demo gateway over HTTP', () => {
  let gateway: Gateway;
  const calls: Recorded[] = [];

  beforeAll(async () => {
    gateway = await startGateway(recordingCloud(calls), { mode: 'demo', port: 0, h5Dir: path.join(os.tmpdir(), 'no-h5-here') });
  });
  afterAll(() => gateway.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${gateway.port}/api/functions/market`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('listens on the loopback address by default', () => {
    expect(gateway.host).toBe(DEFAULT_HOST);
    expect(isLoopbackHost(gateway.host)).toBe(true);
  });

  it('never forwards an empty OPENID: a timer-shaped request without a header acts as an unknown visitor', async () => {
    calls.length = 0;
    const r = await post({ Type: 'Timer', TriggerName: 'ensureMarketDays' });
    expect(r.status).toBe(200);
    const r2 = await post({ Type: 'Timer' }, { 'x-wx-openid': '' });
    expect(r2.status).toBe(200);
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(c.openid).toMatch(/^local-visitor-[0-9a-f]{16}$/);
      expect(c.event.userInfo?.openId).toBe(c.openid);
    }
    expect(calls[0].openid).not.toBe(calls[1].openid);
  });

  it('acts as the person the header names', async () => {
    calls.length = 0;
    await post({ action: 'listMarketDays' }, { 'x-wx-openid': 'local-r-zou' });
    expect(calls[0].openid).toBe('local-r-zou');
  });

  it('lists the demo people to act as', async () => {
    const r = await fetch(`http://127.0.0.1:${gateway.port}/api/local/people`);
    expect(r.status).toBe(200);
    const { people } = (await r.json()) as { people: DemoPerson[] };
    expect(people.length).toBeGreaterThan(0);
    // the kiosk's type of this answer (src/services/identity.ts, which imports nothing from local/) is the seed's: tsc checks the assignment, this the keys
    const seeded: DemoPerson[] = demoPeople();
    expect(Object.keys(people[0]).sort()).toEqual(Object.keys(seeded[0]).sort());
  });

  it('has no mode but demo', async () => {
    const mode = 'production' as unknown as GatewayMode;
    await expect(startGateway(recordingCloud([]), { mode, port: 0, h5Dir: os.tmpdir() })).rejects.toThrow(/demo mode/);
  });
});

describe('where the demo may run', () => {
  it('may run in a clean environment', () => {
    expect(demoRefusal({ PATH: '/usr/bin', NODE_ENV: 'test' })).toBeNull();
    expect(demoRefusal({ TENCENTCLOUD_SECRETID: '' })).toBeNull();
  });

  it.each([['NODE_ENV', 'production'], ...REAL_CLOUD_VARIABLES.map((n) => [n, 'x'])])('refuses when %s=%s, in Chinese and English', (name, value) => {
    const msg = demoRefusal({ [name]: value });
    expect(msg).toContain(name);
    expect(msg).toContain('拒绝启动');
    expect(msg).toContain('refuses to start');
  });

  it('knows loopback addresses from the rest and warns for the rest', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h)).toBe(true);
      expect(exposureWarning(h)).toBeNull();
    }
    for (const h of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'kiosk.example']) {
      expect(isLoopbackHost(h)).toBe(false);
      const w = exposureWarning(h);
      expect(w).toContain(h);
      expect(w).toMatch(/任何人/);
      expect(w).toMatch(/Anyone on that network/);
    }
  });
});

describe('the bundled server (dist/local/main.js)', () => {
  it.each([
    ['NODE_ENV', 'production'],
    ['TENCENTCLOUD_SECRETID', 'AKIDexample'],
    ['TCB_ENV', 'prod-1a2b3c'],
    ['CLOUDBASE_ENV_ID', 'prod-1a2b3c'],
  ])('refuses to start with %s set (exit 2, both languages)', (name, value) => {
    const r = spawnSync(process.execPath, [mainJs], { env: cleanEnv({ [name]: value, PORT: '0' }), encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(name);
    expect(r.stderr).toContain('拒绝启动');
    expect(r.stderr).toContain('refuses to start');
  });

  it('passes the preflight in a clean environment', () => {
    const r = spawnSync(process.execPath, [mainJs, '--preflight'], { env: cleanEnv(), encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
  });

  it('listens on 127.0.0.1 when HOST is not set', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-'));
    const child = spawn(process.execPath, [mainJs], { env: cleanEnv({ PORT: '0', KIOSK_DATA_DIR: dataDir, KIOSK_POOL_SIZE: '1' }), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('listening on')) {
            clearTimeout(timer);
            resolve(out);
          }
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}${err}`)));
      });
      expect(line).toContain('listening on 127.0.0.1');
      expect(err).not.toMatch(/WARNING|警告/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
