/**
 * Cloud function `stall`: farmers, merchants and service volunteers at a community's market
 * (issue 10), and the registry (登记本) of who sells what on the next market day.
 *
 * Anyone: `registry`, `search` (赵大爷's "周五的集市有卖白菜的吗？"), `stalls`.
 * A new person: `register` as a vendor (a `users` record with role `vendor`, then the vendor record:
 * `registerVendor`), then waits for an admin's approval.
 * Anyone: `communities` (which communities run a market: the registration page's choice).
 * Registered: `myVendor`, `drawRecord` (a day's allocation and its draw record, own community);
 * vendors: `applyStall`, `withdraw`, `updateGoods`; residents: `watch`.
 * Admins: `vendors`, `approve`, `reject`, `setRegular`, `assignStall`, `release`, `moveStall`,
 * `setAllocation` (first come or lottery), `drawStalls` (现在抽签).
 * Staff: `dayList` (the day's check-in list), `checkIn` (by application or the vendor's code).
 * Timers: `markAbsences` (after a market day, stalls nobody checked in are absences); `drawStalls`
 * (lottery communities: each market day is drawn once its draw time has come; `lottery.ts`).
 * Inputs, answers, errors: docs/api.md; who may call what: docs/permissions.md.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { callerOpenid, db, isDuplicateKey } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Community, ProductWatch, Stall, StallApplication, StallDraw, User, Vendor } from '../shared/model';
import { newDocId } from '../shared/ids';
import { notify } from '../shared/consent';
import { assertAdminOf, assertResidentOf, assertStaffOf } from '../shared/policy';
import { action, createMain, permissionsOf, type TimerDef } from '../shared/router';
import { id, localDate, noFields, phone, shortText, text } from '../shared/schemas';
import { checkText } from '../shared/security';
import { local } from '../shared/time';
import { defaultMarketCommunity, type LoadedUser, type Preload } from '../shared/users';
import { cancelBookingsOf } from '../shared/slotClosures';
import { comingMarketDates, dateLabel, DEFAULT_MARKET } from '../market/domain/calendar';
import type { AllocationView, DayDrawView, DrawView, MarketCommunityView, RegistryView, SearchResult, StallApplicationView, StallView, VendorView } from './contract';
import { expandQuery, goodAnswer, normalizeProduct, questionAnswer, sells } from './domain/goods';
import { parseQuestion, QUESTION_MAX } from './domain/question';
import { DEFAULT_MAX_ABSENCES, KIND_LABELS, STALL_STATUS_LABELS, VENDOR_STATUS_LABELS } from './domain/stalls';
import { drawMoment } from './domain/lottery';
import { maskPhone } from '../shared/vocabulary/phone';
import { allocationOf, applyForDraw, assignApplied, drawDueDays, drawOf, runDraw, waitsForDraw } from './lottery';
import { ACTIVE, activeApplications, allocate, checkInCodeOf, endApplication, moveApplication, stallPlan, waitlistPositions } from './stalls';

const good = shortText(10);
const goods = z.array(good).min(1).max(10);

function vendorView(v: Vendor, fullPhone: boolean): VendorView {
  const status = v.status ?? 'approved';
  return {
    id: v._id,
    name: v.name,
    kind: v.kind,
    kindLabel: KIND_LABELS[v.kind],
    goods: v.goods ?? [],
    provides: v.provides ?? null,
    phone: v.phone ? (fullPhone ? v.phone : maskPhone(v.phone)) : null,
    status,
    statusLabel: VENDOR_STATUS_LABELS[status],
    rejectReason: v.rejectReason ?? null,
    regular: !!v.regular,
    regularStall: v.regularStall ?? null,
    absences: v.absences ?? 0,
    createdAt: (v.createdAt ?? new Date(0)).toISOString(),
  };
}

/** When the draw for `date` is, in words (`11月20日 周三 18:00`), or null when the community does not draw. */
function drawAtLabelOf(community: Community | null, date: string): string | null {
  const allocation = allocationOf(community);
  if (allocation.mode !== 'lottery') return null;
  const m = drawMoment(date, allocation);
  return `${dateLabel(m.date)} ${m.time}`;
}

function applicationView(a: StallApplication, positions?: Map<string, number>, community?: Community | null): StallApplicationView {
  return {
    id: a._id,
    date: a.date,
    dateLabel: dateLabel(a.date),
    vendorId: a.vendorId,
    vendorName: a.vendorName,
    goods: a.goods,
    status: a.status,
    statusLabel: STALL_STATUS_LABELS[a.status],
    stallNumber: a.status === 'allocated' || a.status === 'checkedIn' ? a.stallNumber : null,
    waitlistPosition: a.status === 'waitlisted' ? (positions?.get(a._id) ?? null) : null,
    checkInCode: a.status === 'allocated' ? checkInCodeOf(a) : null,
    drawAtLabel: a.status === 'applied' ? (drawAtLabelOf(community ?? null, a.date) ?? '') : null,
    viaDraw: !!a.drawn,
    createdAt: a.createdAt.toISOString(),
  };
}

/** The caller's vendor record (by their `users._id`), or null. */
async function vendorOfUser(user: User): Promise<Vendor | null> {
  const { data } = await db.collection('vendors').where({ userId: user._id }).limit(1).get();
  return (data[0] as Vendor | undefined) ?? null;
}

/** The caller's own record as a registration sees it: its id, role, community, and whether its vendor record exists. */
interface Registrant {
  _id: string;
  role: User['role'];
  communityId: string;
  vendor: boolean;
}

/**
 * What `register` must know, in ONE round trip: community `communityId` (null when there is none),
 * and the caller's own `users` record with whether its vendor record exists (null: not known to the
 * kiosk) — an aggregation over `communities` with a `$lookup` of the caller's record by OPENID, and
 * inside it a `$lookup` of its vendor record by `userId` (pipeline-form `$lookup`s, as `loadCaller`
 * uses). A community that does not exist answers `{ community: null, me: null }` (the caller is not
 * read: the registration is refused with VENDOR.NO_MARKET either way).
 */
async function registrationContext(communityId: string, openid: string): Promise<{ community: Community | null; me: Registrant | null }> {
  const { list } = await db
    .collection('communities')
    .aggregate()
    .match({ _id: communityId })
    .limit(1)
    .lookup({
      from: 'users',
      pipeline: [
        { $match: { openid } },
        { $limit: 1 },
        { $project: { _id: 1, role: 1, communityId: 1 } },
        { $lookup: { from: 'vendors', localField: '_id', foreignField: 'userId', as: 'vendors' } },
      ],
      as: 'me',
    })
    .end();
  const row = list[0] as (Community & { me: (Omit<Registrant, 'vendor'> & { vendors: unknown[] })[] }) | undefined;
  if (!row) return { community: null, me: null };
  const { me, ...community } = row;
  const u = me[0];
  return { community: community as Community, me: u ? { _id: u._id, role: u.role, communityId: u.communityId, vendor: u.vendors.length > 0 } : null };
}

/**
 * The vendor record's `_id` of the person whose `users._id` is `userId`: derived, not random, so
 * that finishing a registration cut short (below) can never make a second vendor record — a second
 * insert of the same id is a duplicate key. 32 hex characters, like every document id.
 */
export const vendorIdOfUser = (userId: string): string => crypto.createHash('sha256').update(`vendor|${userId}`).digest('hex').slice(0, 32);

/**
 * Writes a new vendor: the `users` record (role `vendor`) and then the vendor record — two inserts, no
 * transaction (a transaction of two inserts is 4 round trips: start, 2 inserts, commit; with the read
 * that is 5, over a write's budget of 3, docs/performance.md). What the transaction guaranteed is kept
 * by the order and the keys instead:
 * - no second person and no second vendor: `users.openid` is unique (two taps at once: the second
 *   insert is a duplicate key → VENDOR.ALREADY_REGISTERED, nothing of it written), and the vendor
 *   record's `_id` is derived from the user's ({@link vendorIdOfUser}), so it can exist once;
 * - all or nothing, as anyone else sees it: the vendor record is written last and is what every
 *   other reader looks at (the admin's list, approval, the registry, stalls): until it exists there
 *   is no vendor. A `users` record without it (the function stopped between the two inserts) is
 *   seen only by its person, as "not registered as a vendor yet" (`myVendor` answers `vendor: null`,
 *   the page offers 登记成摊主 again), and their next `register` finishes it (`existingUserId`: the
 *   record of that cut-short registration) — nothing stays half-written.
 * Both records carry the function's clock (`createdAt`, one reading for both). Round trips: 2.
 */
async function registerVendor(
  input: { kind: Vendor['kind']; name: string; phone: string; goods: string[]; provides?: string },
  community: Community,
  openid: string,
  existingUserId: string | null,
): Promise<Vendor> {
  const userId = existingUserId ?? newDocId();
  const createdAt = clockNow();
  const vendor: Vendor = {
    _id: vendorIdOfUser(userId),
    communityId: community._id,
    name: input.name,
    kind: input.kind,
    goods: input.goods,
    ...(input.provides ? { provides: input.provides } : {}),
    userId,
    phone: input.phone,
    status: 'pending',
    regular: false,
    regularStall: null,
    absences: 0,
    createdAt,
  };
  try {
    if (!existingUserId) await db.collection('users').add({ data: { _id: userId, openid, name: input.name, role: 'vendor', communityId: community._id, phone: input.phone, verified: false, createdAt } });
    await db.collection('vendors').add({ data: vendor });
  } catch (e) {
    // another tap of the same person got there first (its user record, or its finishing insert)
    if (isDuplicateKey(e, 'openid') || isDuplicateKey(e, '_id')) throw new AppError('VENDOR.ALREADY_REGISTERED');
    throw e;
  }
  return vendor;
}

/** Router preload of the caller's own vendor record (`vendor`), fetched with the caller. */
const preloadVendor: Record<string, Preload> = { vendor: { from: 'vendors', match: {}, sameAsCaller: { userId: '_id' } } };

/** The caller's vendor record: preloaded with the caller when `preloaded.vendor` is there, else one read; null for a non-vendor. */
async function ownVendor(user: User, preloaded: Record<string, unknown[]> | null): Promise<Vendor | null> {
  if (user.role !== 'vendor') return null;
  const known = preloaded?.vendor as Vendor[] | undefined;
  return known ? (known.find((x) => x.userId === user._id) ?? null) : vendorOfUser(user);
}

/** The caller's vendor record (`known`: preloaded), approved. Errors: VENDOR.NOT_A_VENDOR, VENDOR.NOT_APPROVED. */
async function approvedVendorOf(user: User, known?: Vendor[]): Promise<Vendor> {
  const v = user.role === 'vendor' ? (known ? (known.find((x) => x.userId === user._id) ?? null) : await vendorOfUser(user)) : null;
  if (!v) throw new AppError('VENDOR.NOT_A_VENDOR');
  if ((v.status ?? 'approved') !== 'approved') throw new AppError('VENDOR.NOT_APPROVED');
  return v;
}

/** A vendor of the admin's community. Errors: VENDOR.NOT_FOUND. */
async function vendorOfCommunity(vendorId: string, communityId: string): Promise<Vendor> {
  const { data } = await db.collection('vendors').where({ _id: vendorId, communityId }).limit(1).get();
  const v = data[0] as Vendor | undefined;
  if (!v) throw new AppError('VENDOR.NOT_FOUND');
  return v;
}

/** A coming market date of the community (one of its next dates). Errors: VENDOR.NO_MARKET, MARKET.DAY_NOT_FOUND. */
function assertComingDate(community: Community | null, date: string, now: Date): void {
  if (!community?.market) throw new AppError('VENDOR.NO_MARKET');
  if (!comingMarketDates(now, { ...DEFAULT_MARKET, ...community.market }).includes(date)) throw new AppError('MARKET.DAY_NOT_FOUND');
}

/** The next market date of a community, or null when it runs no market. */
function nextMarketDate(community: Community | null, now: Date): string | null {
  if (!community?.market) return null;
  return comingMarketDates(now, { ...DEFAULT_MARKET, ...community.market })[0] ?? null;
}

/** Who comes on `date` and what they sell: the day's held stalls joined with their vendors (one aggregation). */
async function comingVendors(communityId: string, date: string): Promise<{ app: StallApplication; vendor: Vendor }[]> {
  const _ = db.command;
  const { list } = await db
    .collection('stallApplications')
    .aggregate()
    .match({ communityId, date, status: _.in(['allocated', 'checkedIn']) })
    .lookup({ from: 'vendors', localField: 'vendorId', foreignField: '_id', as: 'vendor' })
    .limit(500)
    .end();
  return (list as (StallApplication & { vendor: Vendor[] })[])
    .filter((a) => a.vendor[0])
    .map(({ vendor, ...app }) => ({ app: app as StallApplication, vendor: vendor[0] }))
    .sort((a, b) => (a.app.stallNumber ?? 0) - (b.app.stallNumber ?? 0));
}

/** The community whose market a caller asks about: their own, or (a visitor) the first that runs one. */
async function marketCommunityOf(user: LoadedUser | null): Promise<Community | null> {
  return user ? user.community : defaultMarketCommunity();
}

/**
 * Tells residents watching a product that a vendor registered it for the coming market: their
 * inbox, and WeChat as far as they allowed (`shared/consent.ts` `notify`; never throws). `known`: the day's watches, if preloaded (else one read).
 */
async function notifyWatchers(vendor: Vendor, date: string, known?: ProductWatch[]): Promise<void> {
  try {
    const watches = known ?? ((await db.collection('productWatches').where({ communityId: vendor.communityId, date }).limit(200).get()).data as ProductWatch[]);
    for (const w of watches.filter((x) => x.date === date && x.communityId === vendor.communityId && !x.notifiedAt)) {
      if (!(vendor.goods ?? []).some((g) => sells(g, w.product))) continue;
      const r = await db.collection('productWatches').where({ _id: w._id, notifiedAt: db.command.exists(false) }).update({ data: { notifiedAt: db.serverDate() } });
      if ((r.stats?.updated ?? 0) !== 1) continue;
      const seller = `${vendor.name}（${(vendor.goods ?? []).join('、')}）`;
      const when = `${date} ${DEFAULT_MARKET.start}`;
      await notify({
        userId: w.userId,
        openid: w.openid,
        key: 'productRegistered',
        title: `${w.product}有人卖了`,
        lines: [`摊主：${seller}`, `集市时间：${when}`],
        page: 'pages/index/index',
        data: { thing1: `${w.product}有人卖了`, thing2: seller, time3: when },
      });
    }
  } catch (e) {
    console.warn(`[vendor] watcher notification failed: ${String(e)}`);
  }
}

/** A draw record as clients see it. */
function drawView(r: StallDraw): DrawView {
  return {
    date: r.date,
    algorithm: r.algorithm,
    seed: r.seed,
    applicants: r.applicants.map((a) => ({ applicationId: a.applicationId, vendorName: a.vendorName, regularStall: a.regularStall, appliedAt: new Date(a.appliedAt).toISOString() })),
    plan: r.plan,
    held: r.held,
    freeStalls: r.freeStalls,
    oversubscribed: r.oversubscribed,
    order: r.order,
    results: r.results,
    drawnBy: r.drawnByName,
    drawnAt: new Date(r.drawnAt).toISOString(),
  };
}

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

const actions = {
  // ─── anyone ──────────────────────────────────────────────────────────────────────────────
  communities: action.anyone(
    noFields,
    async (): Promise<MarketCommunityView[]> => {
      const { data } = await db.collection('communities').where({ market: db.command.neq(null) }).orderBy('_id', 'asc').limit(100).get();
      return (data as Community[])
        .filter((c) => c.market)
        .map((c) => {
          const m = { ...DEFAULT_MARKET, ...c.market! };
          return { id: c._id, name: c.name, marketName: m.name, weekday: m.weekday, weekdayLabel: WEEKDAYS[m.weekday] ?? '', place: m.place };
        });
    },
    'everyone sees the same list',
    { loadsCaller: false },
  ),

  registry: action.anyone(noFields, async (_input, { user }): Promise<RegistryView> => {
    const community = await marketCommunityOf(user);
    const date = nextMarketDate(community, clockNow());
    if (!community || !date) return { communityName: community?.name ?? null, date: null, dateLabel: null, vendors: [] };
    const coming = await comingVendors(community._id, date);
    return {
      communityName: community.name,
      date,
      dateLabel: dateLabel(date),
      vendors: coming.map(({ app, vendor }) => ({ name: vendor.name, kind: vendor.kind, kindLabel: KIND_LABELS[vendor.kind], goods: vendor.goods ?? [], provides: vendor.provides ?? null, stallNumber: app.stallNumber })),
    };
  }, "the next market day of the caller's community (a visitor: the first community that runs a market)"),

  search: action.anyone(
    z.object({ query: text(1, QUESTION_MAX) }).strict(),
    async ({ query }, { user }): Promise<SearchResult> => {
      const community = await marketCommunityOf(user);
      const now = clockNow();
      const coming = community?.market ? comingMarketDates(now, { ...DEFAULT_MARKET, ...community.market }) : [];
      const today = local(now).format('YYYY-MM-DD');
      // the day word first (it only chooses the day; the goods are read against that day's registry)
      const { day } = parseQuestion(query, [], today);
      const date = day && coming.includes(day.date) ? day.date : (coming[0] ?? null);
      const askedDay = day ? { word: day.word, date: day.date, dateLabel: dateLabel(day.date), marketDay: coming.includes(day.date) } : null;
      const vendorsOfDay = community && date ? await comingVendors(community._id, date) : [];
      const registered = [...new Set(vendorsOfDay.flatMap(({ vendor }) => vendor.goods ?? []))];
      const { goods } = parseQuestion(query, registered, today);
      const answers = goods.map((g) => {
        const sellers = vendorsOfDay.filter(({ vendor }) => (vendor.goods ?? []).some((x) => sells(x, g.product))).map(({ app, vendor }) => ({ name: vendor.name, goods: vendor.goods ?? [], stallNumber: app.stallNumber }));
        return { product: g.product, heard: g.heard, known: g.known, matched: expandQuery(g.product), sellers, answer: goodAnswer(g.product, sellers) };
      });
      const sellers = [...new Map(answers.flatMap((a) => a.sellers).map((s) => [`${s.name}|${s.stallNumber}`, s])).values()];
      const label = date ? dateLabel(date) : null;
      return {
        query,
        goods: date ? answers : answers.map((a) => ({ ...a, answer: `${a.product}：这个社区没有集市。` })),
        date,
        dateLabel: label,
        askedDay,
        registered,
        matched: [...new Set(answers.flatMap((a) => a.matched))],
        sellers,
        answer: questionAnswer(label, askedDay && !askedDay.marketDay ? { word: askedDay.word, label: askedDay.dateLabel } : null, answers, registered),
      };
    },
    "the next market day of the caller's community, or the coming market day the question names (a visitor: the first community that runs a market)",
  ),

  stalls: action.registered(noFields, async (_input, { user }): Promise<StallView[]> => (await stallPlan(user.communityId)).map((s) => ({ number: s.number, label: s.label })), "the caller's own community"),

  register: action.anyone(
    z
      .object({
        communityId: id,
        kind: z.enum(['farmer', 'merchant', 'serviceVolunteer']),
        name: shortText(20),
        phone,
        goods: z.array(good).max(10).default([]),
        provides: shortText(20).optional(),
      })
      .strict(),
    async (input): Promise<VendorView> => {
      const openid = callerOpenid();
      if (!openid) throw new AppError('COMMON.NOT_REGISTERED');
      if (input.kind !== 'serviceVolunteer' && !input.goods.length) throw new AppError('VENDOR.GOODS_REQUIRED');
      if (input.kind === 'serviceVolunteer' && !input.provides) throw new AppError('VENDOR.GOODS_REQUIRED');
      // the community, the caller's own record (if any) and its vendor record: one round trip
      const { community, me } = await registrationContext(input.communityId, openid);
      // a record with its vendor record (or a resident's): registered; one WITHOUT its vendor record is a
      // registration cut short after its first write (registerVendor): this call finishes it
      if (me && (me.role !== 'vendor' || me.vendor)) throw new AppError(me.role === 'vendor' ? 'VENDOR.ALREADY_REGISTERED' : 'VENDOR.ACCOUNT_IS_RESIDENT');
      if (!community?.market) throw new AppError('VENDOR.NO_MARKET');
      if (me && me.communityId !== community._id) throw new AppError('VENDOR.ALREADY_REGISTERED');
      await Promise.all([input.name, input.provides, ...input.goods].filter((t): t is string => !!t).map((t) => checkText(t, openid, 1)));
      return vendorView(await registerVendor(input, community, openid, me?._id ?? null), true);
    },
    'a person not yet known to the kiosk (their OPENID has no record), for a community that runs a market',
    { loadsCaller: false },
  ),

  // ─── vendors ─────────────────────────────────────────────────────────────────────────────
  myVendor: action.registered(noFields, async (_input, { user, preloaded }): Promise<{ vendor: VendorView | null; applications: StallApplicationView[] }> => {
    // the vendor record came with the caller: 2 round trips (+1 per day where they wait for a stall)
    const v = await ownVendor(user, preloaded);
    if (!v) return { vendor: null, applications: [] };
    const today = local(clockNow()).format('YYYY-MM-DD');
    const _ = db.command;
    const { data } = await db.collection('stallApplications').where({ vendorId: v._id, date: _.gte(today) }).orderBy('date', 'asc').limit(50).get();
    const apps = data as StallApplication[];
    const positions = new Map<string, number>();
    for (const date of [...new Set(apps.filter((a) => a.status === 'waitlisted').map((a) => a.date))]) {
      for (const [k, p] of waitlistPositions(await activeApplications(v.communityId, date))) positions.set(k, p);
    }
    return { vendor: vendorView(v, true), applications: apps.map((a) => applicationView(a, positions, user.community)) };
  }, "the caller's own vendor record", { preload: () => preloadVendor }),

  updateGoods: action.registered(
    z.object({ goods }).strict(),
    async ({ goods: list }, { user, preloaded }): Promise<VendorView> => {
      const v = await ownVendor(user, preloaded);
      if (!v) throw new AppError('VENDOR.NOT_A_VENDOR');
      await Promise.all(list.map((g) => checkText(g, callerOpenid(), 1)));
      await db.collection('vendors').where({ _id: v._id }).update({ data: { goods: list } });
      return vendorView({ ...v, goods: list }, true);
    },
    "the caller's own vendor record",
  ),

  applyStall: action.registered(
    z.object({ dates: z.array(localDate).min(1).max(4) }).strict(),
    async ({ dates }, { user, preloaded }): Promise<StallApplicationView[]> => {
      const v = await approvedVendorOf(user, preloaded?.vendor as Vendor[] | undefined);
      const now = clockNow();
      for (const d of dates) assertComingDate(user.community, d, now);
      const out: StallApplicationView[] = [];
      const first = dates[0];
      for (const date of [...new Set(dates)].sort()) {
        // the first date's applications, plan and watches came with the caller
        const known =
          date === first && preloaded?.day && preloaded.plan
            ? { active: (preloaded.day as StallApplication[]).filter((a) => ACTIVE.includes(a.status)), plan: preloaded.plan as Stall[] }
            : undefined;
        if (allocationOf(user.community).mode === 'lottery') {
          // before the day's draw the application waits for it (等待抽签); after it, first come
          const drawn = date === first && preloaded?.draws ? preloaded.draws.length > 0 : !!(await drawOf(v.communityId, date));
          if (waitsForDraw(user.community, drawn)) {
            const waiting = await applyForDraw(v, date, user._id, known?.active ?? (await activeApplications(v.communityId, date)));
            if (waiting.status === 'applied') {
              out.push(applicationView(waiting, undefined, user.community));
              continue;
            }
            out.push(applicationView(waiting, waiting.status === 'waitlisted' ? waitlistPositions(await activeApplications(v.communityId, date)) : undefined, user.community));
            if (waiting.status === 'allocated') await notifyWatchers(v, date);
            continue;
          }
        }
        const app = await allocate(v, date, user._id, known);
        // a waiting vendor is told the place the stored line gives them, read after their own write:
        // the preloaded day is a snapshot that concurrent applicants share (issue 16: two were told 24)
        const positions = app.status === 'waitlisted' ? waitlistPositions(await activeApplications(v.communityId, date)) : undefined;
        out.push(applicationView(app, positions));
        if (app.status === 'allocated') await notifyWatchers(v, date, date === first ? (preloaded?.watches as ProductWatch[] | undefined) : undefined);
      }
      return out;
    },
    "an approved vendor of the caller's community, for its coming market days",
    {
      preload: ({ dates }) => ({
        vendor: { from: 'vendors', match: {}, sameAsCaller: { userId: '_id' } },
        plan: { from: 'stalls', match: { active: true }, sameAsCaller: { communityId: 'communityId' }, sort: { number: 1 }, limit: 200 },
        day: { from: 'stallApplications', match: { date: dates[0] }, sameAsCaller: { communityId: 'communityId' }, sort: { createdAt: 1 }, limit: 1000 },
        watches: { from: 'productWatches', match: { date: dates[0] }, sameAsCaller: { communityId: 'communityId' }, limit: 200 },
        draws: { from: 'stallDraws', match: { date: dates[0] }, sameAsCaller: { communityId: 'communityId' }, limit: 1 },
      }),
    },
  ),

  withdraw: action.registered(
    z.object({ applicationId: id }).strict(),
    async ({ applicationId }, { user, preloaded }): Promise<StallApplicationView> => {
      // the vendor record and the application came with the caller (issue 18: a write ≤ 3 round trips)
      const v = await ownVendor(user, preloaded);
      const app = preloaded?.application ? (preloaded.application[0] as StallApplication | undefined) : ((await db.collection('stallApplications').where({ _id: applicationId }).limit(1).get()).data[0] as StallApplication | undefined);
      if (!v || !app || app.vendorId !== v._id) throw new AppError('VENDOR.APPLICATION_NOT_FOUND');
      const { ended } = await endApplication(app, 'withdrawn', user._id);
      if (v.kind === 'serviceVolunteer' && v.provides) {
        // the service they give will not happen that day: its bookings are cancelled and their residents told
        const { data: services } = await db.collection('services').where({ communityId: v.communityId, name: v.provides }).limit(1).get();
        const service = services[0] as { _id: string } | undefined;
        if (service) {
          const { data: slots } = await db.collection('slots').where({ marketDayId: `${v.communityId}_${app.date}`, serviceId: service._id }).field({ _id: true }).limit(200).get();
          await cancelBookingsOf((slots as { _id: string }[]).map((x) => x._id), `${v.name}这天来不了`, user._id);
        }
      }
      return applicationView(ended, undefined, user.community);
    },
    "the caller's own application (a service volunteer's withdrawal cancels that service's bookings of the day, residents told)",
    { preload: ({ applicationId }) => ({ ...preloadVendor, application: { from: 'stallApplications', match: { _id: applicationId }, sameAsCaller: { communityId: 'communityId' } } }) },
  ),

  // ─── residents ───────────────────────────────────────────────────────────────────────────
  watch: action.registered(
    z.object({ product: shortText(10) }).strict(),
    async ({ product }, { user }): Promise<{ product: string; date: string }> => {
      assertResidentOf(user, user.communityId);
      const date = nextMarketDate(user.community, clockNow());
      if (!date) throw new AppError('VENDOR.NO_MARKET');
      const p = normalizeProduct(product);
      if (!p) throw new AppError('COMMON.INVALID_INPUT');
      const _id = `${user._id}_${date}_${p}`.replace(/[^A-Za-z0-9_-]/g, (c) => c.codePointAt(0)!.toString(16));
      try {
        await db.collection('productWatches').add({ data: { _id, communityId: user.communityId, userId: user._id, openid: user.openid, product: p, date, createdAt: db.serverDate() } });
      } catch (e) {
        if (!isDuplicateKey(e, '_id')) throw e;
      }
      return { product: p, date };
    },
    "a resident (not staff, not a vendor), the next market day of their own community",
  ),

  // ─── staff and admins ────────────────────────────────────────────────────────────────────
  vendors: action.admin(noFields, async (_input, { user }): Promise<VendorView[]> => {
    const { data } = await db.collection('vendors').where({ communityId: user.communityId }).limit(500).get();
    const order = { pending: 0, approved: 1, rejected: 2 };
    return (data as Vendor[]).sort((a, b) => order[a.status ?? 'approved'] - order[b.status ?? 'approved'] || a.name.localeCompare(b.name, 'zh')).map((v) => vendorView(v, true));
  }, "the caller's own community"),

  approve: action.admin(
    z.object({ vendorId: id }).strict(),
    async ({ vendorId }, { user }): Promise<VendorView> => {
      const v = await vendorOfCommunity(vendorId, user.communityId);
      if (v.userId === user._id) throw new AppError('COMMON.FORBIDDEN');
      const r = await db.collection('vendors').where({ _id: v._id, status: db.command.neq('approved') }).update({ data: { status: 'approved', decidedBy: user._id, decidedAt: db.serverDate() } });
      if ((r.stats?.updated ?? 0) !== 1) throw new AppError('VENDOR.WRONG_STATE');
      return vendorView({ ...v, status: 'approved' }, true);
    },
    "a vendor of the caller's own community (never the caller's own record)",
  ),

  reject: action.admin(
    z.object({ vendorId: id, reason: text(2, 100) }).strict(),
    async ({ vendorId, reason }, { user }): Promise<VendorView> => {
      const v = await vendorOfCommunity(vendorId, user.communityId);
      if (v.status !== 'pending') throw new AppError('VENDOR.WRONG_STATE');
      await checkText(reason, callerOpenid());
      await db.collection('vendors').where({ _id: v._id, status: 'pending' }).update({ data: { status: 'rejected', rejectReason: reason, decidedBy: user._id, decidedAt: db.serverDate() } });
      return vendorView({ ...v, status: 'rejected', rejectReason: reason }, true);
    },
    "a pending vendor of the caller's own community",
  ),

  setRegular: action.admin(
    z.object({ vendorId: id, stallNumber: z.number().int().min(1).max(999).nullable() }).strict(),
    async ({ vendorId, stallNumber }, { user }): Promise<VendorView> => {
      const v = await vendorOfCommunity(vendorId, user.communityId);
      if (stallNumber !== null && !(await stallPlan(user.communityId)).some((s) => s.number === stallNumber)) throw new AppError('VENDOR.STALL_NOT_FOUND');
      await db.collection('vendors').where({ _id: v._id }).update({ data: { regular: stallNumber !== null, regularStall: stallNumber, absences: 0 } });
      return vendorView({ ...v, regular: stallNumber !== null, regularStall: stallNumber, absences: 0 }, true);
    },
    "a vendor of the caller's own community",
  ),

  assignStall: action.admin(
    z.object({ vendorId: id, date: localDate, stallNumber: z.number().int().min(1).max(999).optional() }).strict(),
    async ({ vendorId, date, stallNumber }, { user }): Promise<StallApplicationView> => {
      const v = await vendorOfCommunity(vendorId, user.communityId);
      if ((v.status ?? 'approved') !== 'approved') throw new AppError('VENDOR.NOT_APPROVED');
      assertComingDate(user.community, date, clockNow());
      // a vendor waiting for the draw (applied) is given the stall now, not left waiting (issue 17)
      const waiting = (await activeApplications(v.communityId, date)).find((a) => a.vendorId === v._id && a.status === 'applied');
      const app = (waiting ? await assignApplied(waiting, v.regular ? (v.regularStall ?? null) : null, user._id, stallNumber) : null) ?? (await allocate(v, date, user._id, undefined, stallNumber));
      if (app.status === 'allocated') await notifyWatchers(v, date);
      return applicationView(app, app.status === 'waitlisted' ? waitlistPositions(await activeApplications(v.communityId, date)) : undefined);
    },
    "an approved vendor of the caller's own community, a coming market day",
  ),

  release: action.admin(
    z.object({ applicationId: id }).strict(),
    async ({ applicationId }, { user }): Promise<{ released: StallApplicationView; promoted: StallApplicationView | null }> => {
      const { data } = await db.collection('stallApplications').where({ _id: applicationId, communityId: user.communityId }).limit(1).get();
      const app = data[0] as StallApplication | undefined;
      if (!app) throw new AppError('VENDOR.APPLICATION_NOT_FOUND');
      assertAdminOf(user, app.communityId);
      const { ended, promoted } = await endApplication(app, 'released', user._id);
      return { released: applicationView(ended), promoted: promoted ? applicationView(promoted) : null };
    },
    "an application of the caller's own community",
  ),

  moveStall: action.admin(
    z.object({ applicationId: id, toNumber: z.number().int().min(1).max(999) }).strict(),
    async ({ applicationId, toNumber }, { user }): Promise<{ moved: StallApplicationView; promoted: StallApplicationView | null }> => {
      const { data } = await db.collection('stallApplications').where({ _id: applicationId, communityId: user.communityId }).limit(1).get();
      const app = data[0] as StallApplication | undefined;
      if (!app) throw new AppError('VENDOR.APPLICATION_NOT_FOUND');
      assertAdminOf(user, app.communityId);
      if (app.date < local(clockNow()).format('YYYY-MM-DD')) throw new AppError('VENDOR.WRONG_STATE');
      const { moved, promoted } = await moveApplication(app, toNumber, user._id);
      return { moved: applicationView(moved), promoted: promoted ? applicationView(promoted) : null };
    },
    "an application of the caller's own community holding a stall (checked in or not), today or later; an active stall nobody holds",
  ),

  setAllocation: action.admin(
    z.object({ mode: z.enum(['firstCome', 'lottery']), drawDaysBefore: z.number().int().min(1).max(6), drawAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }).strict(),
    async (input, { user }): Promise<AllocationView> => {
      const community = user.community;
      if (!community?.market) throw new AppError('VENDOR.NO_MARKET');
      const allocation: AllocationView = { mode: input.mode, drawDaysBefore: input.drawDaysBefore, drawAt: input.drawAt };
      await db.collection('communities').where({ _id: community._id }).update({ data: { stallAllocation: allocation } });
      if (input.mode === 'firstCome') {
        // applications already waiting for a draw are not left waiting: their days are drawn now
        const { data } = await db.collection('stallApplications').where({ communityId: community._id, status: 'applied' }).field({ date: true }).limit(1000).get();
        for (const date of [...new Set((data as { date: string }[]).map((a) => a.date))].sort()) await runDraw({ ...community, stallAllocation: allocation }, date, { id: user._id, name: user.name });
      }
      return allocation;
    },
    "the caller's own community (switching to first come draws the days whose applications wait for a draw)",
  ),

  drawRecord: action.registered(
    z.object({ date: localDate }).strict(),
    async ({ date }, { user, preloaded }): Promise<DayDrawView> => {
      const community = user.community;
      // the record and the applications waiting for it came with the caller: 1 round trip (issue 18)
      const record = ((preloaded?.record?.[0] as StallDraw | undefined) ?? null);
      const waiting = preloaded?.waiting?.length ?? 0;
      return { date, allocation: allocationOf(community), drawAtLabel: drawAtLabelOf(community, date), waiting, record: record ? drawView(record) : null };
    },
    "the caller's own community (the draw record is public to it: anyone can re-check the draw)",
    {
      preload: ({ date }) => ({
        record: { from: 'stallDraws', match: { date }, sameAsCaller: { communityId: 'communityId' } },
        // counted here (a day has at most a few hundred applicants), only their ids travel
        waiting: { from: 'stallApplications', match: { date, status: 'applied' }, sameAsCaller: { communityId: 'communityId' }, limit: 1000, exclude: ['goods', 'vendorName', 'vendorId', 'stallKey', 'vendorDayKey', 'allocatedBy', 'createdAt', 'date', 'communityId', 'status', 'stallNumber'] },
      }),
    },
  ),

  drawStalls: action.admin(
    z.object({ date: localDate }).strict(),
    async ({ date }, { user }): Promise<DayDrawView & { drawnNow: boolean }> => {
      const community = user.community;
      assertComingDate(community, date, clockNow());
      if (!community || allocationOf(community).mode !== 'lottery') throw new AppError('VENDOR.NOT_LOTTERY');
      const { record, drawnNow } = await runDraw(community, date, { id: user._id, name: user.name });
      return { date, allocation: allocationOf(community), drawAtLabel: drawAtLabelOf(community, date), waiting: 0, record: drawView(record), drawnNow };
    },
    "a coming market day of the caller's own community, in lottery mode; a day drawn already is not drawn again",
  ),

  dayList: action.staff(
    z.object({ date: localDate }).strict(),
    async ({ date }, { user }): Promise<StallApplicationView[]> => {
      const active = await activeApplications(user.communityId, date);
      const positions = waitlistPositions(active);
      return active.map((a) => applicationView(a, positions, user.community)).sort((a, b) => (a.stallNumber ?? 1e9) - (b.stallNumber ?? 1e9) || (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
    },
    "the caller's own community",
  ),

  checkIn: action.staff(
    z.union([z.object({ applicationId: id }).strict(), z.object({ code: z.string().regex(/^\d{1,3}-[A-Za-z0-9]{4}$/) }).strict()]),
    async (input, { user }): Promise<StallApplicationView> => {
      const today = clockNow();
      // check-in happens on the market day itself (also after the market's closing time)
      const date = local(today).format('YYYY-MM-DD');
      const { data } = await db
        .collection('stallApplications')
        .where('applicationId' in input ? { _id: input.applicationId, communityId: user.communityId } : { communityId: user.communityId, date: db.command.gte(date), status: 'allocated' })
        .limit('applicationId' in input ? 1 : 500)
        .get();
      const app = (data as StallApplication[]).find((a) => ('applicationId' in input ? true : checkInCodeOf(a) === input.code.toUpperCase()));
      if (!app) throw new AppError('VENDOR.APPLICATION_NOT_FOUND');
      assertStaffOf(user, app.communityId);
      if (app.date !== date) throw new AppError('VENDOR.NOT_MARKET_DAY');
      const r = await db.collection('stallApplications').where({ _id: app._id, status: 'allocated' }).update({ data: { status: 'checkedIn', checkedInBy: user._id, checkedInAt: db.serverDate() } });
      if ((r.stats?.updated ?? 0) !== 1) throw new AppError('VENDOR.WRONG_STATE');
      return applicationView({ ...app, status: 'checkedIn', checkedInAt: today, checkedInBy: user._id });
    },
    "an application of the caller's own community, on its market day",
  ),
};

/** Timers. `markAbsences`: after a market day, every stall still allocated (nobody checked in) is an absence; a regular with 3 loses regular status. `drawStalls`: the due lottery draws. */
/**
 * Timers. The platform runs one trigger per function (docs/jobs.md): config.json's `vendorJobs`
 * (every 10 minutes) draws the lottery days whose draw time has come (`drawStalls`), then marks
 * stalls of past days nobody checked in at as absences (`markAbsences`; a day is marked once, the
 * first run after midnight). Each is also a timer of its own name.
 */
async function markAbsences(): Promise<{ absences: number }> {
  const now = clockNow();
  const yesterday = local(now).subtract(1, 'day').format('YYYY-MM-DD');
  const _ = db.command;
  const { data } = await db.collection('stallApplications').where({ status: 'allocated', date: _.lte(yesterday) }).limit(500).get();
  let absences = 0;
  for (const app of data as StallApplication[]) {
    const r = await db.collection('stallApplications').where({ _id: app._id, status: 'allocated' }).update({ data: { status: 'absent', stallKey: `ended:${app._id}`, vendorDayKey: `ended:${app._id}`, endedAt: db.serverDate() } });
    if ((r.stats?.updated ?? 0) !== 1) continue;
    absences += 1;
    await db.collection('vendors').where({ _id: app.vendorId }).update({ data: { absences: _.inc(1) } });
    await db.collection('vendors').where({ _id: app.vendorId, regular: true, absences: _.gte(DEFAULT_MAX_ABSENCES) }).update({ data: { regular: false, regularStall: null } });
  }
  return { absences };
}

const timers: Record<string, TimerDef> = {
  vendorJobs: { rule: 'the platform timer only', run: async () => ({ ...((await drawDueDays()) as object), ...(await markAbsences()) }) },
  drawStalls: { rule: 'the platform timer only', run: drawDueDays },
  markAbsences: { rule: 'the platform timer only', run: markAbsences },
};

export const main = createMain(actions, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(actions, timers);
