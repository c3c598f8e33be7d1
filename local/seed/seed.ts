/**
 * Seeds the demo community (`demo-community.json`) into a fresh local database: communities,
 * estates, grids, people (each with a local OPENID `local-<id>` for the identity switch),
 * market services and vendors. Market days and slots are created by the `market` function on
 * first read, like in production.
 */
import { householdKeyOf } from '../../cloudfunctions/shared/households';
import { DEMO_ROBOT_KEY } from '../cloudbase/wecom';
import type { LocalDatabase } from '../cloudbase/database';
import demo from './demo-community.json';
import { searchKeyOf } from '../../cloudfunctions/account/domain/search';
import { seedDemoTickets } from './demo-tickets';
import { seedDemoConsultation } from './demo-consultation';
import { seedDemoRounds } from './demo-rounds';
import { seedDemoParcels } from './demo-parcels';
import { seedDemoErrands } from './demo-errands';
import { seedDemoProviders } from './demo-providers';
import { seedDemoNotices } from './demo-notices';
import { seedDemoEvents } from './demo-events';
import { seedDemoVolunteers } from './demo-volunteers';
import { seedDemoPosts } from './demo-posts';
import { DEMO_FAMILY, FAMILY_DEMO_OPENID, seedDemoFamily } from './demo-family';
import { comingMarketDates } from '../../cloudfunctions/shared/calendar';

/** 马师傅 has no vendor record in the demo: he registers 大葱 himself (issue 10's walk-through). */
export const UNREGISTERED_VENDOR = 'v-farmer-1';

/** A seeded person the local identity switch can act as. */
export interface DemoPerson {
  openid: string;
  userId: string;
  name: string;
  called: string | null;
  role: string;
  communityName: string;
}

/** The local OPENID of a seeded person id (`r-zhao` → `local-r-zhao`). */
export const demoOpenid = (personId: string): string => `local-${personId}`;

/** Everyone in the demo data, for the identity switch (`GET /api/local/people`). */
export function demoPeople(): DemoPerson[] {
  const communityName = new Map(demo.communities.map((c) => [c.id, c.name]));
  return [
    ...demo.people.map((p) => ({
      openid: demoOpenid(p.id),
      userId: p.id,
      name: p.name,
      called: 'called' in p && p.called ? p.called : null,
      role: p.role,
      communityName: communityName.get(p.community) ?? '',
    })),
    // vendors act with their own WeChat too; 马师傅's has no record until he registers
    ...demo.vendors.map((v) => ({
      openid: demoOpenid(v.id),
      userId: v.id === UNREGISTERED_VENDOR ? '' : `u-${v.id}`,
      name: v.name,
      called: null,
      role: v.id === UNREGISTERED_VENDOR ? 'visitor' : 'vendor',
      communityName: communityName.get(v.community) ?? '',
    })),
    // 家人代办 (issue 22): 邹建庄's daughter, a resident with her own WeChat, linked to him at the counter (demo-family.ts; `npm start`)
    { openid: FAMILY_DEMO_OPENID, userId: DEMO_FAMILY.member.id, name: DEMO_FAMILY.member.name, called: '邹建庄的女儿', role: 'resident', communityName: communityName.get('c-laocheng') ?? '' },
  ];
}


/** True if the database has no users yet (a first start). */
export function needsSeed(db: LocalDatabase): boolean {
  return db.countDocuments('users', {}) === 0;
}

/**
 * Writes the demo data. Each collection is one atomic insert. `options.tickets`: also the demo's
 * tickets in every state of the case loop (`demo-tickets.ts`) and its consultation records
 * (`demo-consultation.ts`: meetings, opinions, topics, votes) and rounds (`demo-rounds.ts`: care tags,
 * visits, a patrol) and parcels (`demo-parcels.ts`: two on the shelf for 赵建国) and volunteers (`demo-volunteers.ts`: five, on this week's roster) and 邹建庄's daughter linked to him (`demo-family.ts`) — `npm start` only, tests start empty.
 */
export function seedDemo(db: LocalDatabase, now = new Date(), options: { tickets?: boolean } = {}): void {
  const estateName = new Map(demo.communities.flatMap((c) => c.estates.map((e) => [e.id, e.name] as const)));
  db.insert(
    'communities',
    demo.communities.map((c) => ({ _id: c.id, name: c.name, kiosk: c.kiosk, market: c.market, contact: c.contact })),
  );
  db.insert(
    'estates',
    demo.communities.flatMap((c) => c.estates.map((e) => ({ _id: e.id, communityId: c.id, name: e.name, buildings: e.buildings, ...('note' in e ? { note: e.note } : {}) }))),
  );
  db.insert(
    'grids',
    demo.grids.map((g) => ({
      _id: g.code,
      code: g.code,
      communityId: g.community,
      covers: g.covers.map((c) => ({ estateId: c.estate, buildings: c.buildings })),
      workerIds: g.workers,
    })),
  );
  db.insert(
    'users',
    demo.people.map((p) => ({
      _id: p.id,
      openid: demoOpenid(p.id),
      name: p.name,
      role: p.role,
      communityId: p.community,
      ...('called' in p ? { called: p.called } : {}),
      ...('age' in p ? { age: p.age } : {}),
      ...('home' in p && p.home
        ? {
            home: { estateId: p.home.estate, building: p.home.building, unit: p.home.unit, room: p.home.room },
            householdKey: householdKeyOf({ estateId: p.home.estate, building: p.home.building, unit: p.home.unit, room: p.home.room }),
            addressText: `${estateName.get(p.home.estate) ?? ''}${p.home.building}${p.home.unit}${p.home.room}`,
            searchKey: searchKeyOf({ name: p.name, called: 'called' in p ? p.called : null, estateName: estateName.get(p.home.estate) ?? null, home: p.home }),
          }
        : {}),
      ...('phone' in p && p.phone ? { phone: p.phone } : {}),
      ...('grids' in p ? { gridIds: p.grids } : {}),
      // the demo's people are known to the kiosk: staff have verified who they are
      verified: true,
      createdAt: now,
    })),
  );
  db.insert(
    'services',
    demo.services.map((s, i) => ({
      _id: s.id,
      communityId: s.community,
      name: s.name,
      kind: s.kind,
      bookingMode: s.bookingMode,
      ...('slotMinutes' in s ? { slotMinutes: s.slotMinutes } : {}),
      ...('capacity' in s ? { capacity: s.capacity } : {}),
      ...('provider' in s ? { provider: s.provider } : {}),
      description: s.description,
      order: i + 1,
      active: true,
    })),
  );
  // vendors: each (but 马师傅, who registers himself in the demo walk-through) with their own WeChat
  // (a `users` record with role vendor), approved; the stall plan; and the coming market day's stalls
  // as the 2024-11-13 scene had them: 土豆 and 红薯 (哈力木), 苹果 (东城果园) — nobody has 白菜
  const seededVendors = demo.vendors.filter((v) => v.id !== UNREGISTERED_VENDOR);
  db.insert(
    'users',
    seededVendors.map((v) => ({ _id: `u-${v.id}`, openid: demoOpenid(v.id), name: v.name, role: 'vendor', communityId: v.community, verified: true, createdAt: now })),
  );
  db.insert(
    'vendors',
    seededVendors.map((v) => ({
      _id: v.id,
      communityId: v.community,
      name: v.name,
      kind: v.kind,
      ...('goods' in v ? { goods: v.goods } : {}),
      ...('provides' in v ? { provides: v.provides } : {}),
      userId: `u-${v.id}`,
      status: 'approved',
      regular: 'regularStall' in v,
      regularStall: 'regularStall' in v ? v.regularStall : null,
      absences: 0,
      createdAt: now,
    })),
  );
  db.insert(
    'stalls',
    demo.communities.flatMap((c) => ('stalls' in c ? Array.from({ length: c.stalls as number }, (_, i) => ({ _id: `${c.id}_${i + 1}`, communityId: c.id, number: i + 1, label: `${i + 1}号摊位`, active: true })) : [])),
  );
  const laocheng = demo.communities.find((c) => c.id === 'c-laocheng');
  const nextDate = laocheng?.market ? comingMarketDates(now, laocheng.market)[0] : null;
  if (nextDate) {
    db.insert(
      'stallApplications',
      seededVendors
        .filter((v) => 'regularStall' in v && v.community === 'c-laocheng')
        .map((v) => {
          const n = (v as { regularStall: number }).regularStall;
          return { _id: `app-${v.id}-${nextDate}`, communityId: v.community, vendorId: v.id, vendorName: v.name, goods: 'goods' in v ? v.goods : [], date: nextDate, status: 'allocated', stallNumber: n, stallKey: `${v.community}|${nextDate}|${n}`, vendorDayKey: `${v.id}|${nextDate}`, allocatedBy: v.id, createdAt: now };
        }),
    );
  }
  if (options.tickets) {
    // the demo's WeCom group robot for G-LC-01 (issue 18; its key is a robot of the local emulator, local/cloudbase/wecom.ts)
    db.insert('gridRobots', [{ _id: 'G-LC-01', communityId: 'c-laocheng', key: DEMO_ROBOT_KEY, since: now, scannedTo: now, setById: 'a-wang', setByName: '王乐天', setAt: now, lastPostAt: null, lastError: null, lockUntil: null }]);
    seedDemoTickets(
      db,
      demo.people.map((p) => ({ id: p.id, name: p.name, role: p.role as 'resident' | 'gridWorker' | 'communityAdmin', community: p.community, ...('grids' in p ? { grids: p.grids } : {}) })),
      now,
    );
    // 有事来商量 (issue 20): a held 业主会议 with opinions (one through a closed ticket), a planned 议事长廊, the open 充电桩安装 and a published result
    seedDemoConsultation(db, now);
    // the grid workers' rounds (issue 21): care-tagged households, visits, a patrol
    seedDemoRounds(db, now);
    // 代收快递 (issue 22): two parcels on the shelf for 赵建国, one of them 超期未取
    seedDemoParcels(db, now);
    // notices (issue 22): a pinned 冬季用电安全 for the whole community
    seedDemoNotices(db, now);
    // events (issue 22): an upcoming 文艺演出 at 石榴籽“解忧铺”, nearly full (7 of 9 places)
    seedDemoEvents(db, now);
    // 代缴代办 (issue 22): 赵建国's 代缴水电费, done by 严婷 with a receipt photo (local/cloud.ts writes the photo)
    seedDemoErrands(db, now);
    // 找师傅 (issue 22): two checked providers (家电维修, 管道疏通) and 赵建国's rated referral
    seedDemoProviders(db, now);
    // 解忧智囊团 (issue 22): five volunteers of 老城社区, one per role, with this week's roster (孔令军 on duty this morning)
    seedDemoVolunteers(db, now);
    // 邻里互助 (issue 22): 赵大爷's 儿童自行车 (旧物置换) and 严婷's 就业招聘 in 老城社区
    seedDemoPosts(db, now);
    // 家人代办 (issue 22): 邹建庄's daughter 邹梅, linked to him by 严婷 with his spoken consent (open the kiosk as her to act for him)
    seedDemoFamily(db, now);
  }
}
