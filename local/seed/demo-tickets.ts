/**
 * The demo's tickets (`npm start` only; tests start without them): the fixture's real disputes
 * (`../shared/fixtures/mulei-laocheng.json` → disputes) placed in the demo communities, in states
 * that show every part of the case loop — waiting and overdue in a grid worker's queue, accepted
 * with a coordination record, handled and waiting for the follow-up, closed and rated, and on the
 * hard-case list under supervision. The pigeon case (d-pigeons) is left out on purpose: the demo
 * walk-through has 李秀兰 report it herself.
 *
 * Each ticket is made by the domain's own rules (`draftTicket`, then `decide` + `applyChange` for
 * every step, each at its own time), so the seeded history is one the function could have written.
 */
import type { LocalDatabase } from '../cloudbase/database';
import { draftTicket, applyChange } from '../../cloudfunctions/ticket/domain/draft';
import { decide, type Actor, type Command } from '../../cloudfunctions/ticket/domain/workflow';
import type { Grid, Ticket, TicketCategory, TicketSource } from '../../cloudfunctions/shared/model';

const HOUR = 3_600_000;

interface Person {
  id: string;
  name: string;
  role: 'resident' | 'gridWorker' | 'communityAdmin';
  community: string;
  grids?: string[];
}

interface DemoTicket {
  id: string;
  /** the fixture dispute it comes from */
  fixture: string;
  community: string;
  reporter: string | null;
  actor: string;
  source: TicketSource;
  category: TicketCategory;
  text: string;
  place: { estate: string; building?: string; spot: string };
  /** hours before now it was reported */
  hoursAgo: number;
  /** later steps: who, how many hours after the report, what */
  steps: { by: string; after: number; command: Command }[];
  /** mark it overdue as the timer would (its deadline has passed) */
  overdue?: boolean;
}

const TICKETS: DemoTicket[] = [
  {
    id: 'demo-outer-doors',
    fixture: 'd-outer-doors',
    community: 'c-xihe',
    reporter: 'r-zhou',
    actor: 'r-zhou',
    source: 'residentReport',
    category: 'encroachment',
    text: '小区大部分业主把自家地下室的门向外延伸，侵占地下楼道公共面积，还加装“门外门”，把单元总水阀锁进自家地下室，水管爆裂时没法第一时间关阀。',
    place: { estate: 'e-shuangmao', spot: '地下室楼道' },
    hoursAgo: 72,
    steps: [
      { by: 'w-lin', after: 3, command: { type: 'accept' } },
      { by: 'w-lin', after: 20, command: { type: 'coordinate', department: 'propertyManager', contact: '双茂小区物业 刘经理', agreed: '物业牵头逐户通知，志愿者帮忙搬东西，拆除“门外门”，水阀露出来', by: 'PLUS5' } },
      { by: 'w-lin', after: 21, command: { type: 'note', text: '已和物业约好，本周先拆 2 号楼的', public: true } },
    ],
  },
  {
    id: 'demo-vegetable-plots',
    fixture: 'd-vegetable-plots',
    community: 'c-laocheng',
    reporter: null,
    actor: 'w-yan',
    source: 'selfFound',
    category: 'greenery',
    text: '一些大爷大妈在小区公共绿化带开荒种菜，20多处绿地被占用，引起其他居民强烈反对。',
    place: { estate: 'e-bishan', spot: '公共绿化带，20多处' },
    hoursAgo: 50,
    steps: [{ by: 'a-wang', after: 26, command: { type: 'supervise', deadline: 'PLUS5', note: '请园林、物业和网格员一起上门劝说，本周内拿出办法' } }],
  },
  {
    id: 'demo-basement',
    fixture: 'd-basement-seepage',
    community: 'c-laocheng',
    reporter: 'r-zhao',
    actor: 'r-zhao',
    source: 'mutualHelp',
    category: 'safety',
    text: '楼里地下室堆满废弃物和垃圾，有一家地下室还渗水，存在很大的安全隐患。',
    place: { estate: 'e-bishan', building: '3号楼', spot: '地下室' },
    hoursAgo: 30,
    steps: [],
    overdue: true,
  },
  {
    id: 'demo-noise',
    fixture: '',
    community: 'c-laocheng',
    reporter: 'r-zou',
    actor: 'r-zou',
    source: 'residentReport',
    category: 'noise',
    text: '楼上每天晚上十一点以后还在拖椅子、跺地板，吵得睡不着。',
    place: { estate: 'e-bishan', building: '5号楼', spot: '' },
    hoursAgo: 2,
    steps: [],
  },
  {
    id: 'demo-broken-paving',
    fixture: 'd-broken-paving',
    community: 'c-laocheng',
    reporter: 'r-zou',
    actor: 'r-zou',
    source: 'residentReport',
    category: 'roads',
    text: '5号楼门前的路面破损严重，换完自来水管以后一直没修，下雨天到处积水。',
    place: { estate: 'e-bishan', building: '5号楼', spot: '楼门前' },
    hoursAgo: 120,
    steps: [
      { by: 'w-yan', after: 4, command: { type: 'accept' } },
      { by: 'w-yan', after: 30, command: { type: 'coordinate', department: 'other', departmentName: '县自来水公司', contact: '维修班 王师傅', agreed: '重新铺水泥、把低洼处垫平', by: 'MINUS1' } },
      { by: 'w-yan', after: 96, command: { type: 'handle', result: '维修队重新铺了水泥，低洼处已经垫平；破损的地砖等老旧小区改造时一起换' } },
    ],
  },
  {
    id: 'demo-stairway',
    fixture: '',
    community: 'c-laocheng',
    reporter: 'r-zhao',
    actor: 'r-zhao',
    source: 'residentReport',
    category: 'sanitation',
    text: '3号楼楼道里堆了很多纸箱和旧家具，好久没人清理，老人上下楼不方便。',
    place: { estate: 'e-bishan', building: '3号楼', spot: '楼道' },
    hoursAgo: 240,
    steps: [
      { by: 'w-yan', after: 2, command: { type: 'accept' } },
      { by: 'w-yan', after: 26, command: { type: 'handle', result: '和物业、保洁一起把楼道清理干净了，提醒住户不要再堆放' } },
      // 核查 (issue 21): a community problem closes only after someone other than the handler checked it on site
      { by: 'a-wang', after: 40, command: { type: 'verify', passed: true, note: '社区去楼道看过，清理干净了', photos: [] } },
      { by: 'w-yan', after: 50, command: { type: 'followUp', date: 'MINUS8', method: 'visit', reporterSaid: '楼道干净了，上下楼方便多了' } },
      { by: 'w-yan', after: 51, command: { type: 'close', summary: '楼道杂物已清理，居民满意' } },
      { by: 'r-zhao', after: 60, command: { type: 'rate', rating: 'satisfied', comment: '谢谢严婷，办事快' } },
    ],
  },
];

/** Local date (Asia/Shanghai) `days` from `now`. */
function localDate(now: Date, days: number): string {
  return new Date(now.getTime() + 8 * HOUR + days * 24 * HOUR).toISOString().slice(0, 10);
}

/** Replaces the relative dates of a command (`PLUS5`: five days from now; `MINUS8`: eight days ago). */
function datesIn(c: Command, now: Date): Command {
  const rel = (v: string) => (/^(PLUS|MINUS)\d+$/.test(v) ? localDate(now, (v.startsWith('PLUS') ? 1 : -1) * Number(v.replace(/\D/g, ''))) : v);
  if (c.type === 'coordinate') return { ...c, by: rel(c.by) };
  if (c.type === 'supervise') return { ...c, deadline: rel(c.deadline) };
  if (c.type === 'followUp') return { ...c, date: rel(c.date) };
  return c;
}

/** Builds the demo tickets from the seeded people, estates and grids (pure). */
export function demoTickets(people: Person[], estates: { _id: string; name: string }[], grids: Grid[], now: Date): Ticket[] {
  const person = (id: string): Person => {
    const p = people.find((x) => x.id === id);
    if (!p) throw new Error(`demo ticket names unknown person ${id}`);
    return p;
  };
  const actorOf = (id: string): Actor => {
    const p = person(id);
    return { id: p.id, name: p.name, role: p.role, communityId: p.community, gridIds: p.grids ?? [] };
  };
  return TICKETS.map((spec) => {
    const created = new Date(now.getTime() - spec.hoursAgo * HOUR);
    const estate = estates.find((e) => e._id === spec.place.estate) ?? null;
    const reporter = spec.reporter ? person(spec.reporter) : null;
    const actor = person(spec.actor);
    let t = draftTicket({
      id: spec.id,
      communityId: spec.community,
      reporter: reporter ? { _id: reporter.id, name: reporter.name } : null,
      actor: { _id: actor.id, name: actor.name, role: actor.role },
      source: spec.source,
      category: spec.category,
      text: spec.text,
      place: { estate, building: spec.place.building ?? null, unit: null, spot: spec.place.spot },
      photos: [],
      anonymous: true,
      grids: grids.filter((g) => g.communityId === spec.community),
      requestKey: `demo:${spec.id}`,
      now: created,
    });
    for (const step of spec.steps) {
      const at = new Date(created.getTime() + step.after * HOUR);
      t = applyChange(t, decide(t, actorOf(step.by), datesIn(step.command, now), at), at);
    }
    if (spec.overdue) {
      const timer: Actor = { id: 'timer', name: '系统', role: 'timer', communityId: spec.community, gridIds: [] };
      t = applyChange(t, decide(t, timer, { type: 'escalate' }, now), now);
    }
    return t;
  });
}

/** Writes the demo tickets into a freshly seeded database (one atomic insert). */
export function seedDemoTickets(db: LocalDatabase, people: Person[], now = new Date()): void {
  const estates = db.all('estates') as unknown as { _id: string; name: string }[];
  const grids = db.all('grids') as unknown as Grid[];
  db.insert('tickets', demoTickets(people, estates, grids, now) as never);
}
