/**
 * Bench section "Ledger export memory" (issue 18 §3): the XLSX ledger (`console.exportLedger`) of
 * 20 000 tickets — the most one file holds (`MAX_ROWS`) — run in the local runtime's worker with
 * the console function's memorySize (256 MB by default), printing the worker's peak memory (its V8
 * heap + buffers, what counts against memorySize after the Node process's own ~40 MB: see
 * docs/runtime-limits.md "Memory"), the time and the file's size. The tickets live in a community
 * of their own (`c-bench-ledger`), each with the five steps of a closed case. Prints a table; never
 * a pass/fail.
 *
 * `seedLedgerTickets` is shared with test/functions/ledger-export.test.ts.
 */
import type { LocalCloud } from '../local/cloud';

export const LEDGER_COMMUNITY = 'c-bench-ledger';
const H = 3600_000;

/** An admin of {@link LEDGER_COMMUNITY} (inserted by {@link seedLedgerTickets}). */
export const LEDGER_ADMIN_OPENID = 'local-bench-ledger-admin';

/**
 * Inserts `n` closed tickets of {@link LEDGER_COMMUNITY} reported from `from` on, one every 2
 * minutes, each with five steps (reported, accepted, handled, followed up, closed) and a rating;
 * every 50th ticket's text starts with `=` (a formula to a spreadsheet). Also inserts the community
 * and its admin once. Returns the tickets' ids in ledger order.
 */
export function seedLedgerTickets(db: LocalCloud['db'], n: number, from: Date, prefix = 'ledger'): string[] {
  if (!db.find('communities', { _id: LEDGER_COMMUNITY }).length) {
    db.insert('communities', [{ _id: LEDGER_COMMUNITY, name: '台账测试社区', town: '木垒镇', estates: [], createdAt: from }]);
    db.insert('users', [{ _id: 'a-bench-ledger', openid: LEDGER_ADMIN_OPENID, name: '台账管理员', role: 'communityAdmin', communityId: LEDGER_COMMUNITY, verified: true, createdAt: from }]);
  }
  const ids: string[] = [];
  const docs = Array.from({ length: n }, (_, i) => {
    const at = new Date(from.getTime() + i * 120_000);
    const id = `${prefix}-${String(i).padStart(6, '0')}`;
    ids.push(id);
    const step = (type: string, h: number, fromS: string | null, to: string, note: string, actorName: string, actorRole: string) => ({ type, at: new Date(at.getTime() + h * H), actorId: actorRole === 'resident' ? 'r-bench' : 'w-bench', actorName, actorRole, from: fromS, to, note, public: true });
    return {
      _id: id,
      communityId: LEDGER_COMMUNITY,
      gridId: `G-BENCH-${i % 4}`,
      category: 'sanitation',
      text: i % 50 === 0 ? `=HYPERLINK("http://evil.example","点我") ${i}号楼道灯坏了` : `${(i % 6) + 1}号楼二单元楼道里堆满了纸箱和旧家具，老人上下楼很不方便，希望尽快清理（第${i}件）`,
      where: { estateId: 'e-bench', estateName: '台账小区', building: `${(i % 6) + 1}号楼`, unit: '二单元', spot: '楼道' },
      source: 'residentReport',
      status: 'closed',
      hardCase: false,
      reporterId: 'r-bench',
      reporterName: '居民甲',
      anonymous: true,
      followerIds: [],
      actorId: 'r-bench',
      actorName: '居民甲',
      photos: [],
      assigneeId: 'w-bench',
      assigneeName: '网格员乙',
      acceptedAt: new Date(at.getTime() + H),
      handledAt: new Date(at.getTime() + 20 * H),
      handledOnTime: true,
      closedAt: new Date(at.getTime() + 22 * H),
      closedOnTime: true,
      dueAt: null,
      handleDays: 7,
      overdue: false,
      reworks: 0,
      // every 10th (from the 6th) went through issue 21's steps: an approved extension, a suspension, a return, a check
      ...(i % 10 === 5
        ? { deferred: true, extension: { status: 'approved', untilDate: '2029-12-31', reason: '等材料', byId: 'w-bench', byName: '网格员乙', at }, suspendedDays: 3, returns: 1, verifyReworks: 0, verification: { passed: true, note: '已核实', photos: [], byId: 'a-bench-ledger', byName: '台账管理员', at } }
        : {}),
      ratings: [{ rating: 'satisfied', comment: '', at: new Date(at.getTime() + 30 * H) }],
      followUps: 1,
      requestKey: `${prefix}-${i}`,
      version: 5,
      events: [
        step('reported', 0, null, 'pending', '', '居民甲', 'resident'),
        step('accepted', 1, 'pending', 'inProgress', '', '网格员乙', 'gridWorker'),
        step('handled', 20, 'inProgress', 'handled', '已联系物业清理楼道杂物，并提醒住户不要再堆放', '网格员乙', 'gridWorker'),
        step('followedUp', 21, 'handled', 'handled', '电话回访，居民表示满意', '网格员乙', 'gridWorker'),
        step('closed', 22, 'handled', 'closed', '已办结', '网格员乙', 'gridWorker'),
      ],
      createdAt: at,
      updatedAt: new Date(at.getTime() + 22 * H),
    };
  });
  for (let i = 0; i < docs.length; i += 1000) db.insert('tickets', docs.slice(i, i + 1000));
  return ids;
}

/**
 * The 走访台账's peak (issue 21): `n` visits of {@link LEDGER_COMMUNITY} on the days from `from`,
 * exported as XLSX and CSV in the console's worker. Prints a table.
 */
export async function benchVisitLedger(cloud: LocalCloud, n = 20_000): Promise<void> {
  const memoryMb = cloud.pool.memoryOf('console');
  console.log(`\n## Visit ledger memory (console.exportLedger kind visits, ${n} visits, worker memorySize ${memoryMb} MB)\n`);
  if (!cloud.db.collectionNames().includes('visits')) cloud.db.createCollection('visits');
  const from = new Date('2029-03-01T00:00:00+08:00');
  if (!cloud.db.find('communities', { _id: LEDGER_COMMUNITY }).length) seedLedgerTickets(cloud.db, 0, from);
  const day = (d: Date) => new Date(d.getTime() + 8 * H).toISOString().slice(0, 10);
  const docs = Array.from({ length: n }, (_, i) => {
    const at = new Date(from.getTime() + i * 20 * 60_000);
    return {
      _id: `bench-visit-${String(i).padStart(6, '0')}`, communityId: LEDGER_COMMUNITY, gridId: `G-BENCH-${i % 4}`, householdKey: `e-bench|${(i % 6) + 1}|2|${100 + (i % 500)}`,
      workerId: 'w-bench', workerName: '网格员乙', date: day(at), met: i % 3 === 0 ? 'nobodyHome' : 'self', metNote: '', topics: ['policy', 'needs'], note: '老人身体还好，子女每周来看望，提醒注意用电安全',
      ticketIds: i % 20 === 0 ? [`bench-ledger-${String(i).padStart(6, '0')}`] : [], requestKey: `w-bench:visit-${i}`, createdAt: at,
    };
  });
  for (let i = 0; i < docs.length; i += 1000) cloud.db.insert('visits', docs.slice(i, i + 1000));
  const to = new Date(from.getTime() + n * 20 * 60_000);
  console.log('| format | rows | peak heap + buffers (MB) | + Node baseline 40 MB | memorySize (MB) | ms | result |\n|---|---:|---:|---:|---:|---:|---|');
  for (const format of ['xlsx', 'csv'] as const) {
    const t0 = performance.now();
    const r = (await cloud.call('console', { action: 'exportLedger', from: day(from), to: day(to), format, kind: 'visits' }, LEDGER_ADMIN_OPENID)) as { ok: boolean; data?: { rows: number }; error?: { code: string } };
    const ms = performance.now() - t0;
    const peak = cloud.pool.lastPeakMb('console') ?? NaN;
    console.log(`| ${format} | ${r.ok ? r.data!.rows : '–'} | ${peak.toFixed(0)} | ${(peak + 40).toFixed(0)} | ${memoryMb} | ${ms.toFixed(0)} | ${r.ok ? 'ok' : r.error!.code} |`);
  }
}

/** Runs the section and prints its table. */
export async function benchLedger(cloud: LocalCloud, n = 20_000): Promise<void> {
  const memoryMb = cloud.pool.memoryOf('console');
  console.log(`\n## Ledger export memory (console.exportLedger, ${n} tickets, worker memorySize ${memoryMb} MB)\n`);
  const from = new Date('2029-03-01T00:00:00+08:00');
  seedLedgerTickets(cloud.db, n, from, 'bench-ledger');
  const to = new Date(from.getTime() + n * 120_000);
  const day = (d: Date) => new Date(d.getTime() + 8 * H).toISOString().slice(0, 10);
  console.log('| format | rows | peak heap + buffers (MB) | + Node baseline 40 MB | memorySize (MB) | ms | result |\n|---|---:|---:|---:|---:|---:|---|');
  for (const format of (process.env.LEDGER_FORMATS ?? 'xlsx,csv').split(',') as ('xlsx' | 'csv')[]) {
    const t0 = performance.now();
    let result: string;
    let rows = '–';
    try {
      const r = (await cloud.call('console', { action: 'exportLedger', from: day(from), to: day(to), format, kind: 'tickets' }, LEDGER_ADMIN_OPENID)) as { ok: boolean; data?: { rows: number }; error?: { code: string } };
      result = r.ok ? 'ok' : r.error!.code;
      if (r.ok) rows = String(r.data!.rows);
    } catch (e) {
      result = ((e as Error).message ?? String(e)).slice(0, 90);
    }
    const ms = performance.now() - t0;
    const peak = cloud.pool.lastPeakMb('console') ?? NaN;
    console.log(`| ${format} | ${rows} | ${peak.toFixed(0)} | ${(peak + 40).toFixed(0)} | ${memoryMb} | ${ms.toFixed(0)} | ${result} |`);
  }
}
