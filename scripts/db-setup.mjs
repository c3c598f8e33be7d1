#!/usr/bin/env node
/**
 * `npm run db:setup` — prepares a real CloudBase environment's database for 解忧铺 with Tencent's
 * maintained management library `@cloudbase/manager-node`:
 *   1. every collection of database/schema.json (`database.createCollectionIfNotExists`);
 *   2. every index, with the exact name, fields, order and uniqueness of the schema
 *      (`database.describeCollection`, then `database.updateCollection` with `CreateIndexes` for
 *      each index that is missing; an existing index of the same name with other fields or
 *      uniqueness stops the run instead of being silently accepted);
 *   3. every collection's security rule (schema `rules.<collection>` or `rules.default`, today
 *      `{"read":false,"write":false}`: the mini-program never touches the database directly) with
 *      `commonService().call({ Action: 'ModifySafeRule', … AclTag: 'CUSTOM', Rule })`;
 *   3b. the cloud storage bucket's security rule from database/storage-rules.json (no client reads;
 *      a client writes only files it uploaded) with `storage.setStorageAcl('CUSTOM', rule)`, which
 *      @cloudbase/manager-node 5.6.5 sends as `ModifyStorageSafeRule` { EnvId, Bucket, AclTag:
 *      'CUSTOM', Rule } (lib/storage/index.js); docs/deploy.md cites the rule syntax;
 *   4. with `--seed <file>`: one community's reference data (community with its market settings,
 *      estates with their buildings, grids, market services) and its first admin, each document
 *      upserted by `_id` (`commonService('tcb').call({ Action: 'UpdateItem', … MgoUpsert: true })`),
 *      so running it again updates instead of duplicating. Fields the community changes later
 *      (a grid's workers, whether a service is active) are only written on insert.
 *      The first admin is created here — the documented setup step, never a function call — with
 *      the WeChat OPENID the operator gives (`--admin-openid`, or `admin.openid` in the file). If a
 *      user with that OPENID already registered in the app, that record becomes the admin; else a
 *      new record is made. Without an OPENID the admin is skipped (with a notice how to add it).
 *      No record gets `openid: null` (a unique index holds null only once on the real service).
 *
 * Usage: node scripts/db-setup.mjs [--dry-run] [--seed <file.json>] [--admin-openid <OPENID>]
 *   (--schema and --storage-rules name other files than database/schema.json and database/storage-rules.json)
 *   --dry-run  prints every call it would make, one line per call (method, collection, then the
 *              index name/fields/unique, the rule, or the document), with no credentials and no
 *              network; conditional calls say when they happen.
 * Real run: needs TCB_ENV_ID (the environment id), TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY
 * (an API key of the Tencent Cloud account that owns the environment; TENCENTCLOUD_SESSIONTOKEN
 * too for temporary keys). Exit codes: 0 done; 1 a call failed, the schema or seed file is
 * invalid, or an index conflicts; 2 wrong usage or missing credentials (message in Chinese and
 * English).
 * Sources for the calls: @cloudbase/manager-node 5.6.5 (types/database/index.d.ts, lib/common) and
 * Tencent's own use of them in the CloudBase AI toolkit (TencentCloudBase/CloudBase-AI-Toolkit,
 * mcp/src/tools/databaseNoSQL.ts and security-rule.ts); see docs/deploy.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_OPENID_PLACEHOLDER = '<--admin-openid>';

// ---------------------------------------------------------------------------------------------
// inputs

const indexSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  fields: z.record(z.union([z.literal(1), z.literal(-1)])).refine((f) => Object.keys(f).length > 0, 'an index needs fields'),
  unique: z.boolean().optional(),
});
const ruleSchema = z.object({ read: z.union([z.boolean(), z.string()]), write: z.union([z.boolean(), z.string()]) });
const storageRulesFile = z.object({ $comment: z.string().optional(), rule: ruleSchema.strict() }).strict();
const schemaFile = z.object({
  collections: z.record(z.object({ indexes: z.array(indexSchema) })),
  rules: z.object({ default: ruleSchema }).catchall(z.unknown()),
});

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1–64 characters of A-Z a-z 0-9 _ -');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const text = z.string().trim().min(1).max(200);
const seedFile = z
  .object({
    $comment: z.string().optional(),
    community: z
      .object({
        id,
        name: text,
        kiosk: text,
        market: z.object({ name: text, weekday: z.number().int().min(1).max(7), start: hhmm, end: hhmm, place: text, horizonWeeks: z.number().int().min(1).max(12) }).strict().nullable(),
        estates: z.array(z.object({ id, name: text, buildings: z.array(text).min(1), note: text.optional() }).strict()).min(1),
      })
      .strict(),
    grids: z.array(z.object({ code: id, covers: z.array(z.object({ estate: id, buildings: z.array(text).min(1) }).strict()).min(1) }).strict()),
    services: z.array(
      z
        .object({
          id,
          name: text,
          kind: z.enum(['service', 'swap', 'board']),
          bookingMode: z.enum(['slots', 'queue', 'none']),
          slotMinutes: z.number().int().min(5).max(240).optional(),
          capacity: z.number().int().min(1).max(1000).optional(),
          provider: text.optional(),
          description: z.string().trim().max(500),
        })
        .strict()
        .refine((s) => s.bookingMode !== 'slots' || (s.slotMinutes !== undefined && s.capacity !== undefined), 'a slots service needs slotMinutes and capacity')
        .refine((s) => s.bookingMode !== 'queue' || s.capacity !== undefined, 'a queue service needs capacity'),
    ),
    admin: z.object({ id, name: text, title: text.optional(), phone: z.string().regex(/^1\d{10}$/).optional(), openid: z.string().optional() }).strict(),
  })
  .strict()
  .superRefine((seed, ctx) => {
    const estates = new Map(seed.community.estates.map((e) => [e.id, new Set(e.buildings)]));
    for (const g of seed.grids)
      for (const c of g.covers) {
        const buildings = estates.get(c.estate);
        if (!buildings) ctx.addIssue({ code: 'custom', message: `grid ${g.code} covers estate ${c.estate}, which is not in the community` });
        else for (const b of c.buildings) if (!buildings.has(b)) ctx.addIssue({ code: 'custom', message: `grid ${g.code} covers ${c.estate} ${b}, which is not one of its buildings` });
      }
    const dup = (xs) => xs.find((x, i) => xs.indexOf(x) !== i);
    for (const [what, ids] of [['estate', seed.community.estates.map((e) => e.id)], ['grid', seed.grids.map((g) => g.code)], ['service', seed.services.map((s) => s.id)]]) {
      const d = dup(ids);
      if (d) ctx.addIssue({ code: 'custom', message: `${what} id ${d} appears twice` });
    }
  });

/** A real WeChat OPENID: 28 characters of [A-Za-z0-9_-] in practice; never a demo or placeholder id. */
function openidProblem(openid) {
  if (!/^[A-Za-z0-9_-]{6,64}$/.test(openid)) return 'an OPENID is 6–64 characters of A-Z a-z 0-9 _ - (WeChat’s are 28)';
  if (openid.startsWith('local-')) return 'local-… ids belong to the local demo, not to WeChat';
  return null;
}

function readJson(file, what) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${what} ${path.relative(root, file) || file}: ${e.message}`);
  }
}

export { schemaFile, seedFile, storageRulesFile };

/** `value` checked against `zodSchema`; throws a readable list of the problems. */
export function parse(zodSchema, value, what) {
  const r = zodSchema.safeParse(value);
  if (r.success) return r.data;
  throw new Error(`${what} is invalid:\n${r.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// the plan: every call, in order

/**
 * @typedef {{ method: string, collection: string, detail: string, when?: string,
 *   run: (ctx: { manager: any, envId: string, indexes: Map<string, any[]>, log: (s: string) => void }) => Promise<string | void> }} Step
 */

const show = (v) => JSON.stringify(v);

/** Steps for collections, indexes and rules. @returns {Step[]} */
export function structureSteps(schema) {
  /** @type {Step[]} */
  const steps = [];
  for (const [collection, { indexes }] of Object.entries(schema.collections)) {
    steps.push({
      method: 'database.createCollectionIfNotExists',
      collection,
      detail: '',
      run: async ({ manager }) => {
        const r = await manager.database.createCollectionIfNotExists(collection);
        if (!r.IsCreated) return 'exists';
        // a new collection takes a moment before it can be described
        for (let i = 0; i < 20; i += 1) {
          try {
            await manager.database.describeCollection(collection);
            return 'created';
          } catch {
            await new Promise((res) => setTimeout(res, 500));
          }
        }
        return 'created (not yet describable)';
      },
    });
    steps.push({
      method: 'database.describeCollection',
      collection,
      detail: 'existing indexes',
      run: async ({ manager, indexes: seen }) => {
        const r = await manager.database.describeCollection(collection);
        seen.set(collection, r.Indexes ?? []);
        return `${(r.Indexes ?? []).length} indexes`;
      },
    });
    for (const index of indexes) {
      const keys = Object.entries(index.fields).map(([Name, dir]) => ({ Name, Direction: String(dir) }));
      const unique = index.unique === true;
      steps.push({
        method: 'database.updateCollection',
        collection,
        detail: `CreateIndexes index ${index.name} fields ${show(index.fields)} unique ${unique}`,
        when: 'only if describeCollection does not list it',
        run: async ({ manager, indexes: seen }) => {
          const existing = (seen.get(collection) ?? []).find((i) => i.Name === index.name);
          if (existing) {
            const sameKeys = show((existing.Keys ?? []).map((k) => [k.Name, String(k.Direction)])) === show(keys.map((k) => [k.Name, k.Direction]));
            if (!sameKeys || Boolean(existing.Unique) !== unique)
              throw new Error(
                `index ${collection}.${index.name} exists with other fields or uniqueness (${show(existing.Keys)} unique ${existing.Unique}); fix or drop it in the console, then run again`,
              );
            return 'exists';
          }
          await manager.database.updateCollection(collection, { CreateIndexes: [{ IndexName: index.name, MgoKeySchema: { MgoIsUnique: unique, MgoIndexKeys: keys } }] });
          return 'created';
        },
      });
    }
    const rule = schema.rules[collection] ?? schema.rules.default;
    steps.push({
      method: "commonService().call ModifySafeRule",
      collection,
      detail: `AclTag CUSTOM Rule ${show(rule)}`,
      run: async ({ manager, envId }) => {
        await manager.commonService().call({ Action: 'ModifySafeRule', Param: { EnvId: envId, CollectionName: collection, AclTag: 'CUSTOM', Rule: show(rule) } });
        return 'set';
      },
    });
  }
  return steps;
}

/** The step that sets the storage bucket's security rule (`rule` from database/storage-rules.json). @returns {Step} */
export function storageRuleStep(rule) {
  return {
    method: "storage.setStorageAcl",
    collection: '(storage)',
    detail: `CUSTOM ${show(rule)}`,
    run: async ({ manager }) => {
      await manager.storage.setStorageAcl('CUSTOM', rule);
      return 'set';
    },
  };
}

/** One UpdateItem call (tcb API 2018-06-08) as a step. */
function updateItem(collection, query, update, upsert, extra = {}) {
  return {
    method: "commonService('tcb').call UpdateItem",
    collection,
    detail: `query ${show(query)} update ${show(update)} upsert ${upsert}`,
    ...extra,
    run: async (ctx) => {
      const r = await ctx.manager.commonService('tcb', '2018-06-08').call({
        Action: 'UpdateItem',
        Param: { EnvId: ctx.envId, TableName: collection, MgoQuery: show(query), MgoUpdate: show(update), MgoIsMulti: false, MgoUpsert: upsert },
      });
      if (extra.after) return extra.after(r, ctx);
      return r.UpsertedId ? 'inserted' : `matched ${r.MatchedNum ?? '?'}`;
    },
  };
}

/** An upsert by `_id`: `set` always, `onInsert` only when the document is new. */
function upsertById(collection, doc, onInsert = {}) {
  const { _id, ...fields } = doc;
  const update = { $set: fields, ...(Object.keys(onInsert).length ? { $setOnInsert: onInsert } : {}) };
  return updateItem(collection, { _id }, update, true);
}

/** Steps for one community's reference data and its first admin. @returns {Step[]} */
export function seedSteps(seed, adminOpenid) {
  const c = seed.community;
  /** @type {Step[]} */
  const steps = [upsertById('communities', { _id: c.id, name: c.name, kiosk: c.kiosk, market: c.market })];
  for (const e of c.estates) steps.push(upsertById('estates', { _id: e.id, communityId: c.id, name: e.name, buildings: e.buildings, ...(e.note ? { note: e.note } : {}) }));
  for (const g of seed.grids)
    steps.push(upsertById('grids', { _id: g.code, code: g.code, communityId: c.id, covers: g.covers.map((v) => ({ estateId: v.estate, buildings: v.buildings })) }, { workerIds: [] }));
  seed.services.forEach((s, i) => {
    const { id: sid, ...rest } = s;
    steps.push(upsertById('services', { _id: sid, communityId: c.id, ...rest, order: i + 1 }, { active: true }));
  });
  const a = seed.admin;
  const openid = adminOpenid ?? ADMIN_OPENID_PLACEHOLDER;
  const admin = { name: a.name, role: 'communityAdmin', communityId: c.id, verified: true, ...(a.title ? { title: a.title } : {}), ...(a.phone ? { phone: a.phone } : {}) };
  let promoted = false;
  steps.push(
    updateItem('users', { openid }, { $set: admin }, false, {
      when: 'first: a user who already registered with this WeChat becomes the admin',
      after: (r) => {
        promoted = Number(r.MatchedNum ?? 0) > 0;
        return promoted ? 'existing user promoted' : 'no user with this OPENID yet';
      },
    }),
  );
  const create = updateItem('users', { _id: a.id }, { $set: { openid, ...admin } }, true, { when: 'only if no user has this OPENID' });
  steps.push({ ...create, run: async (ctx) => (promoted ? 'skipped (promoted instead)' : create.run(ctx)) });
  steps.push(updateItem('users', { openid, createdAt: { $exists: false } }, { $currentDate: { createdAt: true } }, false, { when: 'sets createdAt once' }));
  return steps;
}

/** One line of the plan: method, collection, details, and when a conditional call happens. */
export const describeStep = (s) => [s.method, s.collection, s.detail, s.when ? `(${s.when})` : ''].filter(Boolean).join('  ');

/**
 * Runs `steps` in order against `manager` (a `@cloudbase/manager-node` CloudBase instance),
 * printing each line with its outcome through `log`. Throws on the first failed call, with the
 * line in the message.
 */
export async function execute(steps, manager, envId, log = console.log) {
  const ctx = { manager, envId, indexes: new Map(), log };
  for (const s of steps) {
    let outcome;
    try {
      outcome = await s.run(ctx);
    } catch (e) {
      const err = new Error(`${describeStep(s)}  → FAILED: ${e.message}${e.requestId ? ` (requestId ${e.requestId})` : ''}`);
      throw err;
    }
    log(`${describeStep(s)}  → ${outcome ?? 'ok'}`);
  }
}

// ---------------------------------------------------------------------------------------------
// main

function fail(code, zh, en) {
  console.error(`${zh}\n${en}`);
  process.exit(code);
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        seed: { type: 'string' },
        'admin-openid': { type: 'string' },
        schema: { type: 'string', default: path.join(root, 'database/schema.json') },
        'storage-rules': { type: 'string', default: path.join(root, 'database/storage-rules.json') },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    fail(2, `参数错误：${e.message}`, 'Usage: npm run db:setup -- [--dry-run] [--seed <file.json>] [--admin-openid <OPENID>]');
  }
  if (args.help) {
    console.log('Usage: npm run db:setup -- [--dry-run] [--seed <file.json>] [--admin-openid <OPENID>]  (see docs/deploy.md)');
    return;
  }
  const dryRun = args['dry-run'];

  let schema;
  let storageRules;
  let seed = null;
  try {
    schema = parse(schemaFile, readJson(path.resolve(args.schema), 'schema'), 'database/schema.json');
    storageRules = parse(storageRulesFile, readJson(path.resolve(args['storage-rules']), 'storage rules'), 'database/storage-rules.json');
    if (args.seed) seed = parse(seedFile, readJson(path.resolve(args.seed), 'seed file'), `seed file ${args.seed}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }

  let adminOpenid = (args['admin-openid'] ?? seed?.admin.openid ?? '').trim() || null;
  if (adminOpenid) {
    const problem = openidProblem(adminOpenid);
    if (problem) fail(2, `第一位管理员的 OPENID 不对：${adminOpenid}（${problem}）。`, `The first admin's OPENID is wrong: ${adminOpenid} (${problem}).`);
  }

  const envId = process.env.TCB_ENV_ID?.trim() ?? '';
  if (!dryRun) {
    const missing = ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((n) => !(process.env[n] ?? '').trim());
    if (missing.length)
      fail(
        2,
        `缺少环境变量：${missing.join('、')}。真实运行需要云开发环境 ID（TCB_ENV_ID）和拥有该环境的腾讯云账号的 API 密钥（TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY）。先用 --dry-run 看看会做什么。见 docs/deploy.md。`,
        `Missing environment variables: ${missing.join(', ')}. A real run needs the CloudBase environment id (TCB_ENV_ID) and an API key of the Tencent Cloud account that owns it (TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY). Try --dry-run first to see what it would do. See docs/deploy.md.`,
      );
  }

  const steps = [...structureSteps(schema), storageRuleStep(storageRules.rule), ...(seed ? seedSteps(seed, adminOpenid) : [])];
  const adminSkipped = seed && !adminOpenid;
  const runnable = adminSkipped && !dryRun ? steps.filter((s) => s.collection !== 'users') : steps;
  const line = describeStep;

  if (dryRun) {
    console.log(`# db:setup --dry-run: ${steps.length} calls with @cloudbase/manager-node, environment ${envId || '<TCB_ENV_ID>'}; nothing is sent`);
    console.log(`# ${Object.keys(schema.collections).length} collections from ${path.relative(root, path.resolve(args.schema))}${seed ? `; reference data of ${seed.community.name} from ${args.seed}` : '; no --seed: no reference data'}`);
    for (const s of steps) console.log(line(s));
    if (adminSkipped) console.log(`# no admin OPENID: a real run skips the admin's calls (the lines with ${ADMIN_OPENID_PLACEHOLDER}); give --admin-openid <OPENID>`);
    return;
  }

  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const manager = new CloudBase({
    envId,
    secretId: process.env.TENCENTCLOUD_SECRETID,
    secretKey: process.env.TENCENTCLOUD_SECRETKEY,
    ...(process.env.TENCENTCLOUD_SESSIONTOKEN ? { token: process.env.TENCENTCLOUD_SESSIONTOKEN } : {}),
  });
  console.log(`# db:setup on environment ${envId}: ${runnable.length} calls`);
  try {
    await execute(runnable, manager, envId);
  } catch (e) {
    console.error(e.message);
    console.error('数据库设置没有完成；修正后可以再次运行（每一步都可重复执行）。Setup did not finish; fix the cause and run it again (every step can be repeated).');
    process.exit(1);
  }
  if (adminSkipped)
    console.log(
      '没有给出第一位管理员的 OPENID，管理员未创建：请再运行一次并加上 --admin-openid <OPENID>（见 docs/deploy.md）。No OPENID for the first admin, so no admin was created: run again with --admin-openid <OPENID> (see docs/deploy.md).',
    );
  console.log('# done');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
