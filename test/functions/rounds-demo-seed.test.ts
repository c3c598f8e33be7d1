/**
 * The demo's rounds records (`local/seed/demo-rounds.ts`, issue 21) through the real wx-server-sdk,
 * as 严婷 (w-yan, G-LC-01 and G-LC-02) reads them: each grid's register shows the care-tagged
 * households with the due flags the default plan gives (马桂兰 独居老人 visited 9 days ago: due;
 * 钱秀英 3 days ago: not; 孔令军 never: due; 何德福/刘桂香 one household of two, 40 days ago on a
 * 90-day plan: not due), the 民情日志 lists the seeded visits, the patrol is listed ended. No ledger
 * export (every kind the console offers) carries a care tag.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { HouseholdsAnswer, PatrolView, VisitView } from '../../cloudfunctions/rounds/contract';
import { actions as consoleActions, type LedgerFile } from '../../cloudfunctions/console/contract';
import { CARE_TAG_LABELS } from '../../cloudfunctions/shared/vocabulary/rounds';
import { DEMO_ROUNDS } from '../../local/seed/demo-rounds';

let cloud: TestCloud;
const yan = openidOf('w-yan');

beforeAll(async () => {
  cloud = await startTestCloud({ demoTickets: true });
}, 60_000);
afterAll(() => cloud.close());

it('the registers of G-LC-01 and G-LC-02 show the seeded care tags, last visits and due flags', async () => {
  const g1 = await ok(cloud.act<HouseholdsAnswer>('rounds', { action: 'households', gridId: 'G-LC-01' }, yan));
  const g2 = await ok(cloud.act<HouseholdsAnswer>('rounds', { action: 'households', gridId: 'G-LC-02' }, yan));
  const row = (a: HouseholdsAnswer, key: string) => a.households.find((h) => h.householdKey === key);
  const H = DEMO_ROUNDS.households;
  expect(row(g1, H.ma)).toMatchObject({ tagLabels: ['独居老人'], everyDays: 7, due: true, residents: [{ name: '马桂兰' }] });
  expect(row(g1, H.qian)).toMatchObject({ tagLabels: ['独居老人'], due: false });
  expect(row(g2, H.kong)).toMatchObject({ tagLabels: ['残疾人', '困难家庭'], lastVisitDate: null, due: true });
  expect(row(g2, H.he)).toMatchObject({ tagLabels: ['空巢老人'], everyDays: 90, due: false });
  expect(row(g2, H.he)!.residents.map((r) => r.name).sort()).toEqual(['何德福', '刘桂香'].sort());
  expect(g1.totals.tagged + g2.totals.tagged).toBe(4);
  const log = await ok(cloud.act<VisitView[]>('rounds', { action: 'visits' }, yan));
  expect(log.map((v) => v.id).sort()).toEqual([...DEMO_ROUNDS.visits].sort());
  const patrols = await ok(cloud.act<PatrolView[]>('rounds', { action: 'patrols' }, yan));
  expect(patrols).toEqual([expect.objectContaining({ id: DEMO_ROUNDS.patrol, status: 'ended', minutes: 45, places: ['1号楼楼道', '2号楼车棚', '3号楼楼顶', '小区东门'] })]);
});

it('no ledger export carries a care tag (every kind the console offers, the last 90 days)', async () => {
  const kinds = (consoleActions.exportLedger.input.shape.kind as unknown as { options: string[] }).options;
  const today = new Date(Date.now() + 8 * 3_600_000);
  const from = new Date(today.getTime() - 89 * 86_400_000).toISOString().slice(0, 10);
  const to = today.toISOString().slice(0, 10);
  const words = [...Object.keys(CARE_TAG_LABELS), ...Object.values(CARE_TAG_LABELS)];
  for (const kind of kinds) {
    const f = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', from, to, format: 'csv', kind }, openidOf('a-wang')));
    const text = await (await fetch(f.tempFileURL)).text();
    expect({ kind, found: words.filter((w) => text.includes(w)) }).toEqual({ kind, found: [] });
  }
});
