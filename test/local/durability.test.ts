/**
 * Durability of the local database: a restart keeps every acknowledged write, a torn last line
 * (a crash mid-append) is dropped cleanly, and a process killed with SIGKILL mid-stream reopens
 * with every acknowledged write present.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDatabase, type DatabaseSchema } from '../../local/cloudbase/database';

const schema: DatabaseSchema = { collections: { items: { indexes: [{ name: 'code_unique', fields: { code: 1 }, unique: true }] } } };
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'durable-'));

it('keeps inserts, updates, removes and unique indexes across a restart', () => {
  const dir = tmp();
  const db = LocalDatabase.open({ dir, schema });
  db.insert('items', [{ _id: 'a', code: 'A', at: new Date(5) }, { _id: 'b', code: 'B' }]);
  db.modify('items', { queryType: 'DOC', query: { _id: 'a' }, data: { $inc: { n: 2 } }, multi: false, merge: true, upsert: false });
  db.remove('items', 'DOC', { _id: 'b' }, false);
  db.close();
  const again = LocalDatabase.open({ dir, schema });
  expect(again.all('items')).toEqual([{ _id: 'a', code: 'A', at: new Date(5), n: 2 }]);
  expect(() => again.insert('items', [{ code: 'A' }])).toThrow(/duplicate key/);
  expect(again.insert('items', [{ code: 'B' }])).toHaveLength(1); // B's key was freed by the remove
  again.close();
});

it('drops a torn last line and keeps everything before it', () => {
  const dir = tmp();
  const db = LocalDatabase.open({ dir, schema });
  db.insert('items', [{ _id: 'a', code: 'A' }]);
  db.close();
  fs.appendFileSync(path.join(dir, 'journal.jsonl'), '{"t":"commit","changes":[{"c":"items","id":"x","doc":{"_id":"x","co');
  const again = LocalDatabase.open({ dir, schema });
  expect(again.all('items').map((d) => d._id)).toEqual(['a']);
  again.insert('items', [{ _id: 'b', code: 'B' }]);
  again.close();
  const third = LocalDatabase.open({ dir, schema });
  expect(third.all('items').map((d) => d._id).sort()).toEqual(['a', 'b']);
  third.close();
});

it('a transaction commits as one journal line: all of it or none of it', () => {
  const dir = tmp();
  const db = LocalDatabase.open({ dir, schema });
  const t = db.startTransaction();
  db.txnInsert(t, 'items', { _id: 't1', code: 'T1' });
  db.txnInsert(t, 'items', { _id: 't2', code: 'T2' });
  db.commitTransaction(t);
  db.close();
  const lines = fs.readFileSync(path.join(dir, 'journal.jsonl'), 'utf8').trim().split('\n');
  const last = JSON.parse(lines[lines.length - 1]);
  expect(last.changes.map((c: { id: string }) => c.id)).toEqual(['t1', 't2']);
});

it('a transaction whose document changed underneath it conflicts at the write, is aborted and writes nothing', () => {
  const dir = tmp();
  const db = LocalDatabase.open({ dir, schema, fsync: false });
  db.insert('items', [{ _id: 'c', code: 'C', n: 0 }]);
  const t = db.startTransaction();
  expect(db.txnGet(t, 'items', 'c')).toMatchObject({ n: 0 });
  db.modify('items', { queryType: 'DOC', query: { _id: 'c' }, data: { $inc: { n: 1 } }, multi: false, merge: true, upsert: false });
  expect(() => db.txnModify(t, 'items', 'c', { $inc: { n: 10 } }, true, false)).toThrow(/TransactionConflict/);
  expect(() => db.commitTransaction(t)).toThrow(/TransactionNotExist/); // the real service's text (node-sdk's transaction test)
  expect(db.find('items', { _id: 'c' })[0]).toMatchObject({ n: 1 });
  db.close();
});

it('survives SIGKILL mid-stream with every acknowledged write present', async () => {
  const dir = tmp();
  const script = `
    const { LocalDatabase } = require(${JSON.stringify(path.join(__dirname, '../../dist/test-support/database.js'))});
    const db = LocalDatabase.open({ dir: ${JSON.stringify(dir)}, schema: ${JSON.stringify(schema)} });
    let i = 0;
    setInterval(async () => { const batch = []; for (let k = 0; k < 20; k++) { db.insert('items', [{ _id: 'k' + i, code: 'K' + i, pad: 'x'.repeat(i % 500) }]); batch.push(i++); } await db.durable(); for (const n of batch) process.stdout.write('ack ' + n + '\\n'); }, 1);
  `;
  const { build } = await import('esbuild');
  await build({ entryPoints: [path.join(__dirname, '../../local/cloudbase/database.ts')], outfile: path.join(__dirname, '../../dist/test-support/database.js'), bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'silent' });
  for (let round = 0; round < 5; round += 1) {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = -1;
    let buf = '';
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) acked = Number(l.slice(4));
    });
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 250));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const db = LocalDatabase.open({ dir, schema });
    const ids = new Set(db.all('items').map((d) => d._id));
    for (let i = 0; i <= acked; i += 1) expect(ids.has(`k${i}`)).toBe(true);
    db.close();
    fs.rmSync(path.join(dir, 'journal.jsonl')); // next round starts fresh so ids restart at k0
  }
}, 60_000);

it('answers the same through a declared index as by a full scan, arrays included', () => {
  const dir = tmp();
  const s: DatabaseSchema = { collections: { t: { indexes: [{ name: 'grid_status_created', fields: { gridId: 1, status: 1, createdAt: -1 } }, { name: 'tags', fields: { tags: 1 } }] } } };
  const db = LocalDatabase.open({ dir, schema: s, fsync: false });
  const docs = Array.from({ length: 400 }, (_, i) => ({ _id: `t${i}`, gridId: `G${i % 4}`, status: ['pending', 'closed'][i % 3 === 0 ? 1 : 0], createdAt: new Date(i * 1000), n: i }));
  db.insert('t', docs);
  const scan = (q: Record<string, unknown>) => docs.filter((d) => Object.entries(q).every(([k, v]) => (d as Record<string, unknown>)[k] === v)).length;
  expect(db.countDocuments('t', { gridId: 'G1', status: 'pending' })).toBe(scan({ gridId: 'G1', status: 'pending' }));
  expect(db.countDocuments('t', { gridId: 'G2' })).toBe(scan({ gridId: 'G2' }));
  expect(db.find('t', { gridId: 'G3', status: 'closed' }, { order: { createdAt: -1 }, limit: 5 }).map((d) => d.n)).toEqual(
    docs.filter((d) => d.gridId === 'G3' && d.status === 'closed').sort((a, b) => b.n - a.n).slice(0, 5).map((d) => d.n),
  );
  // an update moves a document between index entries
  db.modify('t', { queryType: 'WHERE', query: { gridId: 'G1', status: 'pending' }, data: { $set: { status: 'closed' } }, multi: true, merge: true, upsert: false });
  expect(db.countDocuments('t', { gridId: 'G1', status: 'pending' })).toBe(0);
  expect(db.countDocuments('t', { gridId: 'G1' })).toBe(100);
  // array values: equality means "contains", so the index must not narrow it wrongly
  db.insert('t', [{ _id: 'a1', tags: ['x', 'y'] }, { _id: 'a2', tags: 'y' }]);
  expect(db.countDocuments('t', { tags: 'y' })).toBe(2);
  db.close();
});
