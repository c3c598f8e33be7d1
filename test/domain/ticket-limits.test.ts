/**
 * One limit, two sides (issue 19, "Forms take their limits from the same schemas"): every text
 * limit of the `ticket` function is written once, in `cloudfunctions/ticket/limits.ts`.
 * - The contracts' schemas enforce exactly those numbers: for each text field, `max` characters
 *   (汉字, counted as a person counts them) pass and `max + 1` are refused; `min` pass and `min - 1`
 *   are refused.
 * - The ticket forms (src/ticket, src/desk, the counter's report page) restate none of them: no
 *   `max`, `min` or `maxlength` attribute is a bare number (parsed with the TypeScript compiler),
 *   except the listed ones that are not the ticket function's limits.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { actions } from '../../cloudfunctions/ticket/contract';
import { TICKET_LIMITS as L } from '../../cloudfunctions/ticket/limits';

const T = 't-1';
const REQ = 'req-limits-1';
const chars = (n: number) => '字'.repeat(n);

/** action, the event without the field, the field's path, its limit. */
const FIELDS: { action: keyof typeof actions; set: (v: string) => Record<string, unknown>; limit: { min: number; max: number } }[] = [
  { action: 'report', set: (v) => ({ category: 'noise', text: v, requestId: REQ }), limit: L.text },
  { action: 'fileCase', set: (v) => ({ source: 'selfFound', category: 'noise', text: v, where: {}, requestId: REQ }), limit: L.text },
  { action: 'reportFor', set: (v) => ({ residentId: 'u-1', category: 'noise', text: v, requestId: REQ, consent: { spoken: true } }), limit: L.text },
  { action: 'similar', set: (v) => ({ category: 'noise', where: { estateId: 'e-1', building: v } }), limit: { min: 1, max: L.where.building } },
  { action: 'similar', set: (v) => ({ category: 'noise', where: { estateId: 'e-1', unit: v } }), limit: { min: 1, max: L.where.unit } },
  { action: 'similar', set: (v) => ({ category: 'noise', where: { spot: v } }), limit: { min: 0, max: L.where.spot } },
  { action: 'rate', set: (v) => ({ ticketId: T, rating: 'satisfied', comment: v }), limit: L.comment },
  { action: 'note', set: (v) => ({ ticketId: T, text: v }), limit: L.note },
  { action: 'coordinate', set: (v) => ({ ticketId: T, department: 'other', departmentName: v, contact: '马队长', agreed: '限期拆除', by: '2026-01-01' }), limit: L.departmentName },
  { action: 'coordinate', set: (v) => ({ ticketId: T, department: 'parks', contact: v, agreed: '限期拆除', by: '2026-01-01' }), limit: L.contact },
  { action: 'coordinate', set: (v) => ({ ticketId: T, department: 'parks', contact: '马队长', agreed: v, by: '2026-01-01' }), limit: L.agreed },
  { action: 'returnTicket', set: (v) => ({ ticketId: T, reason: v }), limit: L.reason },
  { action: 'handle', set: (v) => ({ ticketId: T, result: v }), limit: L.result },
  { action: 'followUp', set: (v) => ({ ticketId: T, date: '2026-01-01', method: 'phone', reporterSaid: v }), limit: L.reporterSaid },
  { action: 'close', set: (v) => ({ ticketId: T, summary: v }), limit: L.summary },
  { action: 'supervise', set: (v) => ({ ticketId: T, deadline: '2026-01-01', note: v }), limit: L.adminNote },
  { action: 'remind', set: (v) => ({ ticketId: T, note: v }), limit: L.adminNote },
];

describe('the ticket schemas enforce limits.ts', () => {
  it.each(FIELDS.map((f, i) => [`${f.action} #${i}`, f] as const))('%s', (_name, f) => {
    const schema = actions[f.action].input;
    const ok = (n: number) => schema.safeParse(f.set(chars(n))).success;
    expect({ max: ok(f.limit.max), overMax: ok(f.limit.max + 1) }).toEqual({ max: true, overMax: false });
    expect(ok(f.limit.min)).toBe(true);
    if (f.limit.min > 0) expect(ok(f.limit.min - 1)).toBe(false);
  });

  it('photos: at most limits.photos', () => {
    const photo = (i: number) => `cloud://env-1.bucket-1/tickets/u-1/p${i}.jpg`;
    const report = (n: number) => actions.report.input.safeParse({ category: 'noise', text: chars(10), photos: Array.from({ length: n }, (_, i) => photo(i)), requestId: REQ }).success;
    expect({ max: report(L.photos), overMax: report(L.photos + 1) }).toEqual({ max: true, overMax: false });
  });
});

/** Bare numbers on ticket forms that are not the ticket function's limits: `file` → value → why. */
const NOT_TICKET_LIMITS: Record<string, Record<number, string>> = {
  'src/desk/components/ActionCard.tsx': { 10: 'a date written out, YYYY-MM-DD' },
  'src/desk/pages/file/index.tsx': { 20: "the resident search box (account.searchResidents's query)" },
};

const root = path.resolve(__dirname, '../..');
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.tsx$/.test(e.name) ? [path.join(dir, e.name)] : []));

it('the ticket forms restate no limit: every max/min/maxlength comes from limits.ts', () => {
  const files = [...filesUnder(path.join(root, 'src/ticket')), ...filesUnder(path.join(root, 'src/desk')), path.join(root, 'src/counter/pages/report/index.tsx')];
  const bare: string[] = [];
  for (const file of files) {
    const rel = path.relative(root, file);
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true, ts.ScriptKind.TSX);
    const visit = (n: ts.Node): void => {
      if (ts.isJsxAttribute(n) && ['max', 'min', 'maxlength'].includes(n.name.getText(sf)) && n.initializer && ts.isJsxExpression(n.initializer) && n.initializer.expression && ts.isNumericLiteral(n.initializer.expression)) {
        const value = Number(n.initializer.expression.text);
        if (!NOT_TICKET_LIMITS[rel]?.[value]) bare.push(`${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1} ${n.getText(sf)}`);
      }
      n.forEachChild(visit);
    };
    visit(sf);
  }
  expect(files.length).toBeGreaterThan(10);
  expect(bare).toEqual([]);
});
