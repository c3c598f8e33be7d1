/**
 * Bench section "Statistics with the loop and the rounds" (issue 21; `BENCH_ONLY=stats npm run
 * bench`): `console.stats` as 王乐天 over a quarter of a community holding `n` tickets (a tenth of
 * them with issue 21's steps: an approved extension, a suspension resumed after 3 days, a return,
 * a failed and a passed check, a rework), a register of `households` residents' households in 老城's
 * grids, a visit to each (half of them in the period) and 200 patrols; and (issue 22) a year of the
 * kiosk's everyday services — 20 000 parcels, 5 000 errands and referrals, 100 notices read 10 000
 * times, 50 events with 2 000 sign-ups, 5 000 volunteer credits. Prints the round trips and the
 * time per call (first and mean of 5, in the local emulator); never a pass/fail.
 */
import type { LocalCloud } from '../local/cloud';
import { ticketFigureStages, ticketMatch, holderStages, ratingStages, followUpStages, loopStages } from '../cloudfunctions/console/domain/figures';
import { careStages, householdStages, patrolStages, visitStages } from '../cloudfunctions/console/domain/rounds';
import { periodOf } from '../cloudfunctions/console/domain/period';
import { errandStages, eventStages, flaggedProviderStages, noticeReadStages, noticeStages, parcelStages, referralStages, volunteerHourStages } from '../cloudfunctions/console/domain/everyday';

const H = 3600_000;

/** Inserts the section's records into `cloud.db` (tickets `bench-s-*`, residents, visits, patrols). */
function seed(cloud: LocalCloud, n: number, households: number): void {
  const t0 = Date.UTC(2025, 0, 1);
  const grids = ['G-LC-01', 'G-LC-02'];
  const ev = (type: string, at: Date, to: string, detail?: Record<string, unknown>) => ({ type, at, actorId: 'w-yan', actorName: '严婷', actorRole: 'gridWorker', from: null, to, note: '', public: true, ...(detail ? { detail } : {}) });
  let batch: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i += 1) {
    const createdAt = new Date(t0 + i * 60_000);
    const loop = i % 10 === 0;
    const closed = i % 3 !== 0;
    batch.push({
      // half of them another community's (as the queue's bench: 老城社区 holds 50 000)
      _id: `bench-s-${i}`, communityId: i % 4 < 2 ? 'c-laocheng' : 'c-other', gridId: i % 4 < 2 ? grids[i % 2] : 'G-OTHER', category: 'sanitation', text: `诉求${i}`, where: { estateId: 'e-bishan', estateName: '壁山丽景小区', building: '1号楼', spot: '' },
      source: i % 7 === 0 ? 'selfFound' : 'residentReport', status: closed ? 'closed' : 'inProgress', hardCase: false, reporterId: `bench-${i % 50}`, reporterName: '居民', anonymous: true, followerIds: [],
      actorId: `bench-${i % 50}`, actorName: '居民', photos: [], assigneeId: 'w-yan', assigneeName: '严婷', acceptedAt: new Date(createdAt.getTime() + H),
      ...(closed ? { handledAt: new Date(createdAt.getTime() + 20 * H), closedAt: new Date(createdAt.getTime() + 22 * H), closedOnTime: i % 5 !== 0 } : {}),
      dueAt: closed ? null : new Date(createdAt.getTime() + 7 * 24 * H), handleDays: 7, overdue: false, reworks: 0, ratings: [], followUps: 0, requestKey: `bench-s:${i}`, version: 1,
      ...(loop ? { deferred: true, extension: { status: 'approved', untilDate: '2025-12-31', reason: '等材料', byId: 'w-yan', byName: '严婷', at: createdAt }, suspendedDays: 3, returns: 1, verifyReworks: 1 } : {}),
      createdAt, updatedAt: new Date(createdAt.getTime() + 22 * H),
      events: [
        ev('reported', createdAt, 'pending'),
        ev('accepted', new Date(createdAt.getTime() + H), 'inProgress'),
        ...(loop
          ? [
              ev('extensionRequested', new Date(createdAt.getTime() + 2 * H), 'inProgress'), ev('extended', new Date(createdAt.getTime() + 3 * H), 'inProgress'),
              ev('suspended', new Date(createdAt.getTime() + 4 * H), 'inProgress'), ev('resumed', new Date(createdAt.getTime() + 76 * H), 'inProgress', { days: 3 }),
              ev('verified', new Date(createdAt.getTime() + 80 * H), 'inProgress', { passed: false }), ev('rework', new Date(createdAt.getTime() + 80 * H), 'inProgress', { by: 'verification' }),
            ]
          : []),
        ...(closed ? [ev('handled', new Date(createdAt.getTime() + 20 * H), 'handled'), ev('closed', new Date(createdAt.getTime() + 22 * H), 'closed')] : []),
      ],
    });
    if (batch.length === 5000) cloud.db.insert('tickets', batch.splice(0));
  }
  if (batch.length) cloud.db.insert('tickets', batch);
  batch = [];
  const visits: Record<string, unknown>[] = [];
  for (let i = 0; i < households; i += 1) {
    const building = `${(i % 6) + 1}号楼`;
    const home = { estateId: 'e-bishan', building, unit: `${(i % 4) + 1}单元`, room: `${1000 + i}` };
    const key = `e-bishan|${(i % 6) + 1}|${(i % 4) + 1}|${1000 + i}`;
    batch.push({ _id: `bench-s-r-${i}`, openid: `local-bench-s-r-${i}`, name: `居民${i}`, role: 'resident', communityId: 'c-laocheng', home, householdKey: key, createdAt: new Date(t0) });
    const date = i % 2 === 0 ? '2025-02-10' : '2024-10-01';
    visits.push({ _id: `bench-s-v-${i}`, communityId: 'c-laocheng', gridId: i % 6 < 3 ? 'G-LC-01' : 'G-LC-02', householdKey: key, workerId: 'w-yan', workerName: '严婷', date, met: 'self', metNote: '', topics: ['policy'], note: '', ticketIds: i % 50 === 0 ? [`bench-s-${i}`] : [], requestKey: `w-yan:bench-s-v-${i}`, createdAt: new Date(t0) });
  }
  for (let i = 0; i < batch.length; i += 5000) cloud.db.insert('users', batch.slice(i, i + 5000));
  for (let i = 0; i < visits.length; i += 5000) cloud.db.insert('visits', visits.slice(i, i + 5000));
  cloud.db.insert(
    'patrols',
    Array.from({ length: 200 }, (_, i) => ({ _id: `bench-s-p-${i}`, communityId: 'c-laocheng', gridId: grids[i % 2], workerId: 'w-yan', workerName: '严婷', startedAt: new Date(t0 + i * 6 * H), endedAt: new Date(t0 + i * 6 * H + H), places: ['1号楼'], note: '', ticketIds: [], status: 'ended', openKey: `bench-s-p-${i}`, requestKey: `w-yan:bench-s-p-${i}`, createdAt: new Date(t0 + i * 6 * H) })),
  );
}

/** Issue 22: a year of 老城's everyday services from 2025-01-01 (collections created when a branch has not). */
function seedEveryday(cloud: LocalCloud): void {
  const t0 = Date.UTC(2025, 0, 1);
  const day = (i: number, every: number) => new Date(t0 + Math.floor(i / every) * 24 * H + 9 * H);
  const date = (d: Date) => d.toISOString().slice(0, 10);
  for (const c of ['parcels', 'errands', 'referrals', 'providers', 'notices', 'noticeReads', 'events', 'volunteerHours']) if (!cloud.db.collectionNames().includes(c)) cloud.db.createCollection(c);
  const many = (coll: string, n: number, make: (i: number) => Record<string, unknown>) => {
    const all = Array.from({ length: n }, (_, i) => make(i));
    for (let i = 0; i < all.length; i += 5000) cloud.db.insert(coll, all.slice(i, i + 5000));
  };
  const done = (i: number) => i % 10 !== 0;
  many('parcels', 20_000, (i) => ({
    _id: `bench-e-p-${i}`, communityId: 'c-laocheng', residentId: `bench-${i % 50}`, residentName: '居民', carrier: 'sf', shelf: 'A-1', code: String(i).padStart(6, '0'), codeKey: done(i) ? `bench-e-p-${i}` : `c-laocheng|b${i}`,
    status: done(i) ? (i % 3 ? 'pickedUp' : 'delivered') : 'waiting', loggedById: 'w-yan', loggedByName: '严婷', loggedAt: day(i, 55), ...(done(i) ? (i % 3 ? { pickedUpAt: new Date(day(i, 55).getTime() + 30 * H) } : { deliveredAt: new Date(day(i, 55).getTime() + 5 * H) }) : {}),
    requestKey: `bench-e-p-${i}`, events: [],
  }));
  many('errands', 5000, (i) => ({ _id: `bench-e-e-${i}`, communityId: 'c-laocheng', residentId: 'r-zhao', residentName: '赵建国', kind: 'utilities', what: '代缴电费', status: done(i) ? 'done' : 'requested', requestedAt: day(i, 14), ...(done(i) ? { doneAt: new Date(day(i, 14).getTime() + 24 * H) } : {}), requestedBy: { id: 'r-zhao', name: '赵建国' }, receiptPhotos: [], events: [], requestKey: `bench-e-e-${i}` }));
  many('referrals', 5000, (i) => ({ _id: `bench-e-r-${i}`, communityId: 'c-laocheng', providerId: `bench-pv-${i % 50}`, providerName: '师傅', residentId: 'r-zhao', residentName: '赵建国', need: '修空调', status: done(i) ? 'rated' : 'referred', referredAt: day(i, 14), ...(done(i) ? { rating: { stars: 1 + (i % 5), comment: '', at: new Date(day(i, 14).getTime() + 48 * H) } } : {}), requestKey: `bench-e-r-${i}` }));
  // 50 providers, each with ~90 rated referrals above (the 待复核 pipeline joins them: shared/providerRatings.ts)
  many('providers', 50, (i) => ({ _id: `bench-pv-${i}`, communityId: 'c-laocheng', name: `师傅${i}`, service: 'plumbing', phone: '13900000000', area: '老城', priceNote: '', verifiedById: 'a-wang', verifiedByName: '王乐天', verifiedAt: day(i, 1), active: true, createdAt: day(i, 1), requestKey: `bench-pv-${i}` }));
  many('notices', 100, (i) => ({ _id: `bench-e-n-${i}`, communityId: 'c-laocheng', kind: 'notice', title: '通知', body: '', audience: { kind: 'community' }, pinned: false, expiresOn: null, status: 'published', byId: 'a-wang', byName: '王乐天', publishedAt: day(i, 1) , readCount: 100, requestKey: `bench-e-n-${i}`, requestHash: 'h' }));
  many('noticeReads', 10_000, (i) => ({ _id: `bench-e-n-${i % 100}|bench-u-${i}`, noticeId: `bench-e-n-${i % 100}`, userId: `bench-u-${i}`, communityId: 'c-laocheng', at: day(i, 100) }));
  many('events', 50, (i) => ({ _id: `bench-e-v-${i}`, communityId: 'c-laocheng', title: '演出', kind: 'performance', date: date(day(i, 1 / 7)), start: '19:00', end: '21:00', place: '解忧铺', places: 40, description: '', status: 'open', slotId: `ev_bench-e-v-${i}`, byId: 'a-wang', byName: '王乐天', createdAt: day(0, 1), requestKey: `bench-e-v-${i}` }));
  many('bookings', 2000, (i) => ({
    _id: `bench-e-b-${i}`, code: `BE${i}`, communityId: 'c-laocheng', marketDayId: `event:bench-e-v-${i % 50}`, date: date(day(i % 50, 1 / 7)), slotId: `ev_bench-e-v-${i % 50}`, serviceId: `bench-e-v-${i % 50}`, serviceName: '演出', slotLabel: '19:00–21:00', mode: 'slots',
    startAt: day(i % 50, 1 / 7), endAt: day(i % 50, 1 / 7), place: '解忧铺', residentId: `bench-u-${i}`, residentName: '居民', actorId: `bench-u-${i}`, actorName: '居民', status: i % 4 ? 'checkedIn' : 'booked', activeKey: `bench-e-b-${i}`, requestKey: `bench-e-b-${i}`, createdAt: day(0, 1), eventId: `bench-e-v-${i % 50}`,
  }));
  const roles = ['patroller', 'mediator', 'informant', 'speaker', 'liaison'];
  const sources = ['parcelDelivered', 'patrol', 'mediation', 'verification', 'duty', 'staff'];
  many('volunteerHours', 5000, (i) => ({ _id: `bench-e-h-${i}`, communityId: 'c-laocheng', userId: `bench-v-${i % 25}`, name: '志愿者', role: roles[i % 5], source: sources[i % 6], refId: `r${i}`, minutes: 20 + (i % 7) * 10, date: date(day(i, 14)), at: day(i, 14) }));
}

/** Runs the section and prints its table. */
export async function benchStats(cloud: LocalCloud, n = 100_000, households = 2000): Promise<void> {
  console.log(`\n## Statistics with the loop and the rounds (console.stats as 王乐天, ${n.toLocaleString('en')} tickets, ${households} households)\n`);
  seed(cloud, n, households);
  seedEveryday(cloud);
  const event = { action: 'stats', from: '2025-01-01', to: '2025-03-31' };
  // each pipeline alone, in the emulator (no SDK): where the time goes
  const p = periodOf(event.from, event.to);
  const pipelines: [string, string, Record<string, unknown>[]][] = [
    ['tickets: figures', 'tickets', [ticketMatch('c-laocheng', p, null), ...ticketFigureStages(p, new Date('2025-04-05T00:00:00Z'))]],
    ['tickets: holders', 'tickets', holderStages('c-laocheng', p, null)],
    ['tickets: ratings', 'tickets', ratingStages('c-laocheng', p, null)],
    ['tickets: follow-ups', 'tickets', followUpStages('c-laocheng', p, null)],
    ['tickets: loop (issue 21)', 'tickets', loopStages('c-laocheng', p, null)],
    ['visits (issue 21)', 'visits', visitStages('c-laocheng', p, null)],
    ['patrols (issue 21)', 'patrols', patrolStages('c-laocheng', p, null)],
    ['users per household (issue 21)', 'users', householdStages('c-laocheng', null)],
    ['householdCare (issue 21)', 'householdCare', careStages('c-laocheng', null)],
    ['parcels (issue 22)', 'parcels', parcelStages('c-laocheng', p, new Date('2025-04-05T00:00:00Z'))],
    ['errands (issue 22)', 'errands', errandStages('c-laocheng', p)],
    ['referrals (issue 22)', 'referrals', referralStages('c-laocheng', p)],
    ['providers flagged (issue 22)', 'providers', flaggedProviderStages('c-laocheng')],
    ['notices (issue 22)', 'notices', noticeStages('c-laocheng', p)],
    ['noticeReads (issue 22)', 'noticeReads', noticeReadStages('c-laocheng', p)],
    ['events (issue 22)', 'events', eventStages('c-laocheng', p)],
    ['volunteerHours (issue 22)', 'volunteerHours', volunteerHourStages('c-laocheng', p)],
  ];
  console.log('| pipeline alone | rows | ms |\n|---|---:|---:|');
  for (const [name, coll, stages] of pipelines) {
    const s = performance.now();
    const rows = cloud.db.aggregate(coll, stages as never);
    console.log(`| ${name} | ${rows.length} | ${(performance.now() - s).toFixed(0)} |`);
  }
  console.log('');
  const call = () => cloud.call('console', event, 'local-a-wang') as Promise<{ ok: boolean; data?: { tickets: { reported: number; deferred: number }; loop: Record<string, number>; rounds: { households: number; dueHouseholds: number; coverage: { rate: number | null } }; everyday?: { parcels: object; events: object; volunteers: { minutes: number } } }; error?: unknown }>;
  const r0 = cloud.db.stats.requests;
  const t0 = performance.now();
  const first = await call();
  const firstMs = performance.now() - t0;
  const trips = cloud.db.stats.requests - r0;
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const s = performance.now();
    await call();
    times.push(performance.now() - s);
  }
  const d = first.data;
  console.log('| what | figure |\n|---|---:|');
  console.log(`| answer | ${first.ok ? 'ok' : JSON.stringify(first.error)} |`);
  console.log(`| database round trips | ${trips} |`);
  console.log(`| first call (ms) | ${firstMs.toFixed(0)} |`);
  console.log(`| mean of the next 5 (ms) | ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(0)} |`);
  if (d) {
    console.log(`| reported in the quarter / deferred | ${d.tickets.reported} / ${d.tickets.deferred} |`);
    console.log(`| loop | ${Object.entries(d.loop).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
    console.log(`| households / due / coverage | ${d.rounds.households} / ${d.rounds.dueHouseholds} / ${d.rounds.coverage.rate} |`);
    if (d.everyday) console.log(`| 便民服务 (issue 22) | parcels ${JSON.stringify(d.everyday.parcels)}, events ${JSON.stringify(d.everyday.events)}, volunteer minutes ${d.everyday.volunteers.minutes} |`);
  }
}
