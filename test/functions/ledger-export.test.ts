/**
 * The ledger export inside a function's memory (issue 18 §3), through the real wx-server-sdk in the
 * local runtime's worker, which has the console function's memorySize (256 MB, its config.json's
 * default: docs/runtime-limits.md "Memory"). 3 000 closed tickets with five steps each (every 50th
 * text a formula to a spreadsheet) are exported as XLSX and CSV; the files are opened and checked
 * (headers, every row in order, the steps sheet, formulas kept as text, the frozen bold header),
 * and the worker's peak memory stays well inside the limit: the streaming export peaks near 95 MB
 * of heap + buffers here, the in-memory workbook it replaced at 185 MB for 2 000 tickets (bench
 * section "Ledger export memory" prints 20 000: `npm run bench`). No wall-clock assertion.
 */
import ExcelJS from 'exceljs';
import { ok, startTestCloud, type TestCloud } from '../support/local-cloud';
import { LEDGER_ADMIN_OPENID, seedLedgerTickets } from '../../bench/ledger';
import { localStamp } from '../../cloudfunctions/console/domain/ledger';
import { local } from '../../cloudfunctions/shared/time';
import { heapLimitsOf } from '../../local/runtime/pool';
import type { LedgerFile } from '../../cloudfunctions/console/contract';

const N = 3000;
const FROM = new Date('2029-03-01T00:00:00+08:00');
const PERIOD = { from: '2029-03-01', to: '2029-03-31' };
let cloud: TestCloud;
let ids: string[];

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 1 });
  ids = seedLedgerTickets(cloud.db, N, FROM);
}, 60_000);
afterAll(() => cloud.close());

async function download(f: LedgerFile): Promise<Buffer> {
  const r = await fetch(f.tempFileURL);
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}

it('the console function runs with 256 MB', () => {
  expect(cloud.pool.memoryOf('console')).toBe(256);
});

it(`exports ${N} tickets as XLSX inside the worker's memory, every row in order, formulas as text`, async () => {
  const x = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...PERIOD, format: 'xlsx', kind: 'tickets' }, LEDGER_ADMIN_OPENID));
  const peak = cloud.pool.lastPeakMb('console')!;
  expect(x).toMatchObject({ rows: N, format: 'xlsx', fileName: '诉求台账-2029-03-01至2029-03-31.xlsx' });
  expect(peak).toBeLessThan(heapLimitsOf(256).budgetMb);
  expect(peak).toBeLessThan(150); // the in-memory workbook took 185 MB for 2 000 tickets

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await download(x)) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['诉求台账', '处理记录']);
  const main = wb.getWorksheet('诉求台账')!;
  expect(main.rowCount).toBe(N + 1);
  const header = main.getRow(1);
  expect((header.values as unknown[]).slice(1)).toEqual(['编号', '登记时间', '来源', '类别', '反映内容', '地点', '网格', '反映人', '登记人', '状态', '处理人', '受理时间', '反馈时间', '办结时间', '按期办结', '评价', '延期/缓办', '挂起天数', '退单', '核查', '重办', '处理经过']);
  expect(header.getCell(1).font?.bold).toBe(true);
  expect(main.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const column: string[] = [];
  main.getColumn(1).eachCell((c, row) => row > 1 && column.push(String(c.value)));
  expect(column).toEqual(ids);
  const first = main.getRow(2);
  expect(first.getCell(2).value).toBe('2029-03-01 00:00');
  expect(first.getCell(10).value).toBe('已办结');
  expect(String(first.getCell(22).value).split('\n')).toEqual([
    '03-01 00:00 居民甲 登记',
    '03-01 01:00 网格员乙 受理',
    '03-01 20:00 网格员乙 反馈处理结果：已联系物业清理楼道杂物，并提醒住户不要再堆放',
    expect.stringMatching(/^03-01 21:00 网格员乙 回访/),
    '03-01 22:00 网格员乙 办结：已办结',
  ]);
  // every 50th text starts with "=": a string cell, never a formula
  const formula = first.getCell(5);
  expect(formula.value).toBe('=HYPERLINK("http://evil.example","点我") 0号楼道灯坏了');
  expect(formula.type).toBe(ExcelJS.ValueType.String);
  let formulas = 0;
  main.eachRow((row) => row.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0)));
  expect(formulas).toBe(0);

  const steps = wb.getWorksheet('处理记录')!;
  expect(steps.rowCount).toBe(5 * N + 1);
  expect((steps.getRow(1).values as unknown[]).slice(1)).toEqual(['诉求编号', '时间', '事项', '经办人', '身份', '状态变化', '说明']);
  expect((steps.getRow(2).values as unknown[]).slice(1, 5)).toEqual([ids[0], '2029-03-01 00:00', '登记', '居民甲']);
  expect(steps.getRow(5 * N + 1).getCell(1).value).toBe(ids[N - 1]);
}, 120_000);

it(`exports the same ${N} tickets as CSV: BOM, CRLF, formulas prefixed with '`, async () => {
  const c = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...PERIOD, format: 'csv', kind: 'tickets' }, LEDGER_ADMIN_OPENID));
  expect(c.rows).toBe(N);
  expect(cloud.pool.lastPeakMb('console')!).toBeLessThan(150);
  const bytes = await download(c);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.startsWith('编号,登记时间,来源,类别,反映内容,')).toBe(true);
  // a record per ticket: each starts a line with its id (the timeline's own line breaks are quoted)
  expect(text.split('\r\n').filter((l) => /^ledger-\d{6},/.test(l)).map((l) => l.slice(0, 13))).toEqual(ids);
  expect(text).toContain(`${ids[0]},2029-03-01 00:00,`);
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"") 0号楼道灯坏了"`);
}, 120_000);

it('formats instants in Asia/Shanghai exactly as the rest of the product does (fixed UTC+8)', () => {
  for (let t = Date.UTC(1995, 0, 1); t < Date.UTC(2040, 0, 1); t += 7_777_777_777) {
    expect(localStamp(new Date(t))).toBe(local(new Date(t)).format('YYYY-MM-DD HH:mm'));
  }
  expect(localStamp(new Date('2029-06-30T16:30:00Z'))).toBe('2029-07-01 00:30');
});
