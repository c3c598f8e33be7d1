/**
 * `npm run db:setup` (scripts/db-setup.mjs): the dry run prints every call it would make and covers
 * every collection, every index (exact name, fields, uniqueness) and every security rule of
 * database/schema.json, plus the reference data of the seed file and its first admin; a real run
 * without credentials is refused with a clear message; bad input is refused before any call.
 * The script runs as a child process, as an operator runs it, with no Tencent Cloud credentials in
 * its environment (the dry run needs none and sends nothing).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/db-setup.mjs');
const exampleSeed = path.join(root, 'database/seed/example-community.json');
const OPENID = 'oTEST1234567890abcdefghijklm';

interface Schema {
  collections: Record<string, { indexes: { name: string; fields: Record<string, number>; unique?: boolean }[] }>;
  rules: Record<string, unknown> & { default: unknown };
}
const schema = JSON.parse(fs.readFileSync(path.join(root, 'database/schema.json'), 'utf8')) as Schema;

function run(args: string[], env: Record<string, string> = {}) {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const n of ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN']) delete clean[n];
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
  const calls = r.stdout.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls };
}

/** The calls of one method on one collection (columns are separated by two spaces). */
const callsOf = (calls: string[], method: string, collection: string) => calls.filter((l) => l.startsWith(`${method}  ${collection}  `) || l === `${method}  ${collection}`);

describe('the dry run', () => {
  const { status, stdout, stderr, calls } = run(['--dry-run', '--seed', exampleSeed, '--admin-openid', OPENID]);

  it('succeeds without credentials and says nothing is sent', () => {
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/nothing is sent/);
  });

  it('creates every collection of the schema, then its indexes, then its rule', () => {
    const collections = Object.keys(schema.collections);
    expect(collections.length).toBeGreaterThan(0);
    for (const c of collections) {
      const create = calls.indexOf(`database.createCollectionIfNotExists  ${c}`);
      expect(create).toBeGreaterThanOrEqual(0);
      const rule = calls.findIndex((l) => l.startsWith(`commonService().call ModifySafeRule  ${c}  `));
      expect(rule).toBeGreaterThan(create);
      for (const l of callsOf(calls, 'database.updateCollection', c)) expect(calls.indexOf(l)).toBeGreaterThan(create);
    }
  });

  it('creates every index with its exact name, fields, order and uniqueness, and no other', () => {
    let total = 0;
    for (const [c, { indexes }] of Object.entries(schema.collections)) {
      const lines = callsOf(calls, 'database.updateCollection', c);
      expect(lines).toHaveLength(indexes.length);
      for (const ix of indexes) {
        total += 1;
        const expected = `CreateIndexes index ${ix.name} fields ${JSON.stringify(ix.fields)} unique ${ix.unique === true}`;
        expect(lines.filter((l) => l.includes(`  ${expected}`))).toHaveLength(1);
      }
    }
    expect(calls.filter((l) => l.startsWith('database.updateCollection  '))).toHaveLength(total);
    expect(total).toBeGreaterThan(10);
  });

  it("sets every collection's security rule from the schema (deny-all for clients)", () => {
    for (const c of Object.keys(schema.collections)) {
      const rule = schema.rules[c] ?? schema.rules.default;
      expect(callsOf(calls, 'commonService().call ModifySafeRule', c)).toEqual([`commonService().call ModifySafeRule  ${c}  AclTag CUSTOM Rule ${JSON.stringify(rule)}`]);
    }
    expect(schema.rules.default).toEqual({ read: false, write: false });
  });

  it('sets the storage bucket\'s security rule from database/storage-rules.json: no client reads, writes only by the uploader', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(root, 'database/storage-rules.json'), 'utf8')) as { rule: { read: unknown; write: unknown } };
    expect(shipped.rule).toEqual({ read: false, write: 'auth != null && auth.openid != null && resource.openid == auth.openid' });
    const lines = calls.filter((l) => l.startsWith('storage.setStorageAcl'));
    expect(lines).toEqual([`storage.setStorageAcl  (storage)  CUSTOM ${JSON.stringify(shipped.rule)}`]);
    // after the database rules, before the reference data
    expect(calls.indexOf(lines[0])).toBeGreaterThan(calls.map((l) => l.startsWith('commonService().call ModifySafeRule')).lastIndexOf(true));
    expect(calls.indexOf(lines[0])).toBeLessThan(calls.findIndex((l) => l.startsWith("commonService('tcb').call UpdateItem")));
  });

  it('the pinned @cloudbase/manager-node sends that rule as ModifyStorageSafeRule with AclTag CUSTOM', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@cloudbase/manager-node/package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe('5.6.5');
    const lib = fs.readFileSync(path.join(root, 'node_modules/@cloudbase/manager-node/lib/storage/index.js'), 'utf8');
    const method = lib.slice(lib.indexOf('async setStorageAcl(acl, rule)'), lib.indexOf('async walkCloudDir('));
    expect(method).toContain("'CUSTOM'");
    expect(method).toContain('params.Rule = JSON.stringify(rule)');
    expect(method).toContain("this.tcbService.request('ModifyStorageSafeRule', params)");
  });

  it("upserts the seed file's community, estates, grids and services by _id, and its first admin with the given OPENID", () => {
    const seed = JSON.parse(fs.readFileSync(exampleSeed, 'utf8')) as {
      community: { id: string; estates: { id: string }[] };
      grids: { code: string }[];
      services: { id: string }[];
      admin: { id: string };
    };
    const upserts = calls.filter((l) => l.startsWith("commonService('tcb').call UpdateItem  ") && l.includes(' upsert true'));
    const upserted = (collection: string, id: string) => upserts.filter((l) => l.startsWith(`commonService('tcb').call UpdateItem  ${collection}  query ${JSON.stringify({ _id: id })} `));
    expect(upserted('communities', seed.community.id)).toHaveLength(1);
    for (const e of seed.community.estates) expect(upserted('estates', e.id)).toHaveLength(1);
    for (const g of seed.grids) expect(upserted('grids', g.code)).toHaveLength(1);
    for (const s of seed.services) expect(upserted('services', s.id)).toHaveLength(1);
    const admin = upserted('users', seed.admin.id);
    expect(admin).toHaveLength(1);
    expect(admin[0]).toContain(`"openid":"${OPENID}"`);
    expect(admin[0]).toContain('"role":"communityAdmin"');
    expect(admin[0]).toContain(`"communityId":"${seed.community.id}"`);
    // an existing registration with that OPENID is promoted first
    expect(calls.some((l) => l.startsWith(`commonService('tcb').call UpdateItem  users  query ${JSON.stringify({ openid: OPENID })} `) && l.includes('upsert false'))).toBe(true);
    // every structure call comes before any data
    const firstData = calls.findIndex((l) => l.includes('UpdateItem'));
    expect(calls.slice(firstData).every((l) => l.includes('UpdateItem'))).toBe(true);
  });

  it('never writes openid null', () => {
    expect(stdout).not.toMatch(/"openid":\s*null/);
  });
});

it('database/schema.json names no collection or key twice (JSON keeps only the last: a second "topics" once dropped the first one\'s indexes)', () => {
  const text = fs.readFileSync(path.join(root, 'database/schema.json'), 'utf8');
  const repeated: string[] = [];
  // walk the text's objects: every object's keys, in order, must be unique
  const scan = (src: string) => {
    const stack: Set<string>[] = [];
    const re = /"((?:[^"\\]|\\.)*)"\s*(:)?|[{}[\]]/g;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      if (m[0] === '{') stack.push(new Set());
      else if (m[0] === '}') stack.pop();
      else if (m[2] && stack.length) {
        const keys = stack[stack.length - 1];
        if (keys.has(m[1])) repeated.push(m[1]);
        keys.add(m[1]);
      }
    }
  };
  scan(text);
  expect(repeated).toEqual([]);
});

it('plans the admin with a placeholder and says so when no OPENID is given', () => {
  const r = run(['--dry-run', '--seed', exampleSeed]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('<--admin-openid>');
  expect(r.stdout).toMatch(/give --admin-openid/);
});

it('plans only the structure without --seed', () => {
  const r = run(['--dry-run']);
  expect(r.status).toBe(0);
  expect(r.calls.some((l) => l.includes('UpdateItem'))).toBe(false);
  expect(r.calls.filter((l) => l.startsWith('database.createCollectionIfNotExists  '))).toHaveLength(Object.keys(schema.collections).length);
});

it('refuses a real run without credentials, naming what is missing in Chinese and English', () => {
  const r = run(['--seed', exampleSeed, '--admin-openid', OPENID]);
  expect(r.status).toBe(2);
  expect(r.calls).toEqual([]);
  for (const n of ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY']) expect(r.stderr).toContain(n);
  expect(r.stderr).toContain('缺少环境变量');
  expect(r.stderr).toContain('Missing environment variables');
  const partial = run([], { TCB_ENV_ID: 'prod-1a2b3c' });
  expect(partial.status).toBe(2);
  const missing = /Missing environment variables: ([^.]+)\./.exec(partial.stderr)?.[1] ?? '';
  expect(missing.split(', ').sort()).toEqual(['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY']);
});

it('refuses a demo id as the first admin', () => {
  const r = run(['--dry-run', '--seed', exampleSeed, '--admin-openid', 'local-a-wang']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/local demo/);
});

it('refuses an inconsistent seed file before any call', () => {
  const seed = JSON.parse(fs.readFileSync(exampleSeed, 'utf8')) as { grids: { covers: { buildings: string[] }[] }[] };
  seed.grids[0].covers[0].buildings.push('99号楼');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'db-setup-')), 'bad.json');
  fs.writeFileSync(file, JSON.stringify(seed));
  const r = run(['--dry-run', '--seed', file]);
  expect(r.status).toBe(1);
  expect(r.calls).toEqual([]);
  expect(r.stderr).toContain('99号楼');
});

describe('the real run against a recording stand-in for @cloudbase/manager-node', () => {
  /**
   * Runs the script's own steps (exported by scripts/db-setup.mjs) with `execute` against a fake
   * manager that records every call; `existing` are the indexes describeCollection reports and
   * `registered` says whether a user already has the admin's OPENID.
   */
  function realRun(scenario: { existing: Record<string, { Name: string; Keys: { Name: string; Direction: string }[]; Unique: boolean }[]>; registered: boolean }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-setup-run-'));
    const driver = path.join(dir, 'driver.mjs');
    fs.writeFileSync(
      driver,
      `
      import fs from 'node:fs';
      import { createRequire } from 'node:module';
      import { pathToFileURL } from 'node:url';
      const require = createRequire(${JSON.stringify(path.join(root, 'package.json'))});
      const { DatabaseService } = require('@cloudbase/manager-node/lib/database');
      const CloudBase = require('@cloudbase/manager-node');
      const { structureSteps, seedSteps, execute, parse, schemaFile, seedFile } = await import(pathToFileURL(${JSON.stringify(script)}).href);
      const scenario = ${JSON.stringify(scenario)};
      const calls = [];
      const database = {
        createCollectionIfNotExists: async (c) => (calls.push(['createCollectionIfNotExists', c]), { IsCreated: !scenario.existing[c] }),
        describeCollection: async (c) => (calls.push(['describeCollection', c]), { Indexes: scenario.existing[c] ?? [] }),
        updateCollection: async (c, o) => (calls.push(['updateCollection', c, o]), {}),
      };
      const manager = {
        database,
        commonService: (service, version) => ({
          call: async (o) => {
            calls.push(['commonService', service ?? null, version ?? null, o]);
            if (o.Action !== 'UpdateItem') return {};
            const q = JSON.parse(o.Param.MgoQuery);
            if (q.openid && !('createdAt' in q)) return { MatchedNum: scenario.registered ? 1 : 0 };
            return { MatchedNum: 0, UpsertedId: q._id ?? null };
          },
        }),
      };
      const real = {
        database: Object.keys(database).filter((m) => typeof DatabaseService.prototype[m] === 'function'),
        commonService: typeof CloudBase.prototype.commonService === 'function',
      };
      const schema = parse(schemaFile, JSON.parse(fs.readFileSync(${JSON.stringify(path.join(root, 'database/schema.json'))}, 'utf8')), 'schema');
      const seed = parse(seedFile, JSON.parse(fs.readFileSync(${JSON.stringify(exampleSeed)}, 'utf8')), 'seed');
      let error = null;
      try {
        await execute([...structureSteps(schema), ...seedSteps(seed, ${JSON.stringify(OPENID)})], manager, 'prod-1a2b3c', () => {});
      } catch (e) {
        error = e.message;
      }
      console.log(JSON.stringify({ calls, real, error }));
      `,
    );
    const r = spawnSync(process.execPath, [driver], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { calls: unknown[][]; real: { database: string[]; commonService: boolean }; error: string | null };
  }

  it('makes the calls manager-node has, with the index keys, rules and upserts of the schema and seed', () => {
    const { calls, real, error } = realRun({ existing: {}, registered: false });
    expect(error).toBeNull();
    expect(real).toEqual({ database: ['createCollectionIfNotExists', 'describeCollection', 'updateCollection'], commonService: true });
    const idx = calls.filter((c) => c[0] === 'updateCollection') as [string, string, { CreateIndexes: { IndexName: string; MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string; Direction: string }[] } }[] }][];
    const expected = Object.entries(schema.collections).flatMap(([c, { indexes }]) =>
      indexes.map((ix) => [c, ix.name, ix.unique === true, Object.entries(ix.fields).map(([Name, d]) => ({ Name, Direction: String(d) }))]),
    );
    expect(idx.map(([, c, o]) => [c, o.CreateIndexes[0].IndexName, o.CreateIndexes[0].MgoKeySchema.MgoIsUnique, o.CreateIndexes[0].MgoKeySchema.MgoIndexKeys])).toEqual(expected);
    const rules = calls.filter((c) => c[0] === 'commonService' && (c[3] as { Action: string }).Action === 'ModifySafeRule').map((c) => (c[3] as { Param: Record<string, string> }).Param);
    expect(rules.map((p) => p.CollectionName)).toEqual(Object.keys(schema.collections));
    for (const p of rules) {
      expect(p).toMatchObject({ EnvId: 'prod-1a2b3c', AclTag: 'CUSTOM' });
      expect(JSON.parse(p.Rule)).toEqual(schema.rules[p.CollectionName] ?? schema.rules.default);
    }
    const items = calls.filter((c) => c[0] === 'commonService' && (c[3] as { Action: string }).Action === 'UpdateItem');
    for (const c of items) {
      expect(c[1]).toBe('tcb');
      expect((c[3] as { Param: { EnvId: string } }).Param.EnvId).toBe('prod-1a2b3c');
    }
    const created = items.map((c) => (c[3] as { Param: { TableName: string; MgoQuery: string; MgoUpsert: boolean } }).Param).filter((p) => p.TableName === 'users' && p.MgoUpsert);
    expect(created).toHaveLength(1); // nobody had the OPENID: the admin record is made
  });

  it('keeps existing indexes, promotes a registered user instead of making a second record', () => {
    const { calls, error } = realRun({
      existing: { users: [{ Name: 'openid_unique', Keys: [{ Name: 'openid', Direction: '1' }], Unique: true }] },
      registered: true,
    });
    expect(error).toBeNull();
    const made = calls.filter((c) => c[0] === 'updateCollection' && c[1] === 'users').map((c) => (c[2] as { CreateIndexes: { IndexName: string }[] }).CreateIndexes[0].IndexName);
    expect(made).not.toContain('openid_unique');
    expect(made.length).toBe(schema.collections.users.indexes.length - 1);
    const userUpserts = calls.filter((c) => c[0] === 'commonService' && (c[3] as { Param: { TableName?: string; MgoUpsert?: boolean } }).Param.TableName === 'users' && (c[3] as { Param: { MgoUpsert?: boolean } }).Param.MgoUpsert);
    expect(userUpserts).toEqual([]);
  });

  it('stops at an existing index of the same name with other fields or uniqueness', () => {
    const { error } = realRun({ existing: { bookings: [{ Name: 'activeKey_unique', Keys: [{ Name: 'activeKey', Direction: '1' }], Unique: false }] }, registered: false });
    expect(error).toMatch(/bookings\.activeKey_unique exists with other fields or uniqueness/);
  });
});
