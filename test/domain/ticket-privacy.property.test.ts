/**
 * The privacy property (issue 16 §1), on the pure views for speed: for random tickets — every
 * category, sources including counter-entered reports and workers' finds, timelines with public
 * and internal notes, follow-ups carrying what the reporter said, ratings with comments, photos —
 * and EVERY audience of `shared/tickets/audience.ts`, no answer contains the reporter's name, id,
 * phone, words (text, follow-up words, rating comments, the consent note) or photo ids/urls unless
 * the table lets that audience see it. The answers are those the `ticket` function gives each
 * audience: `residentView` (get, myTickets, join, rate), `similarItem` (similar), `boardItem`
 * (board), `staffView` and `queueItem` (get, queue, hardCases), `counterView` (reportFor,
 * ticketsFor), the progress messages (`notify.ts` progressFor) and the ledger's rows (admins).
 * The same through the real SDK, with the neighbour as the caller: test/functions/ticket-privacy.test.ts.
 */
import fc from 'fast-check';
import type { Ticket, TicketCategory, TicketEvent, TicketEventType, TicketSource } from '../../cloudfunctions/shared/model';
import { robotLine, robotMarkdown } from '../../cloudfunctions/ticket/domain/robotMessage';
import { AUDIENCES, sees, type Audience } from '../../cloudfunctions/shared/tickets/audience';
import { boardItem, onBoard } from '../../cloudfunctions/ticket/domain/board';
import { CATEGORIES } from '../../cloudfunctions/shared/vocabulary/categories';
import { draftTicket } from '../../cloudfunctions/ticket/domain/draft';
import { counterView, queueItem, residentView, similarItem, staffView } from '../../cloudfunctions/ticket/domain/views';
import { maskPhone } from '../../cloudfunctions/shared/vocabulary/phone';
import type { Actor } from '../../cloudfunctions/ticket/domain/workflow';
import { progressFor } from '../../cloudfunctions/ticket/notify';
import { ticketTables } from '../../cloudfunctions/console/domain/ledger';

const NOW = new Date('2026-11-20T04:00:00Z');
const worker: Actor = { id: 'w-1', name: '严婷', role: 'gridWorker', communityId: 'c-1', gridIds: ['G1'] };
const otherWorker: Actor = { id: 'w-2', name: '网格员甲', role: 'gridWorker', communityId: 'c-1', gridIds: ['G1'] };
const admin: Actor = { id: 'a-1', name: '王乐天', role: 'communityAdmin', communityId: 'c-1', gridIds: [] };
/** a 调解员 volunteer invited onto the ticket, and a 信息员 volunteer checking it (issue 22) */
const mediator: Actor = { id: 'r-mediator', name: '调解员', role: 'resident', communityId: 'c-1', gridIds: [], volunteerRoles: ['mediator'] };
const informant: Actor = { id: 'r-informant', name: '信息员', role: 'resident', communityId: 'c-1', gridIds: [], volunteerRoles: ['informant'] };
const FOLLOWER = 'r-follower';
const NEIGHBOUR = 'r-neighbour';

/** A random marker that appears nowhere else (so a substring check is meaningful). */
const mark = (prefix: string) => fc.stringMatching(/^[A-Z]{8}$/).map((s) => `${prefix}${s}`);

interface Secrets {
  name: string;
  id: string;
  phone: string;
  text: string;
  said: string[];
  comments: string[];
  consentNote: string;
  photos: string[];
  urls: string[];
}

const arbitraryCase = fc
  .record({
    category: fc.constantFrom<TicketCategory>(...CATEGORIES),
    source: fc.constantFrom<TicketSource>('residentReport', 'selfFound', 'mutualHelp', 'superiorAssigned'),
    counter: fc.boolean(),
    hasReporter: fc.boolean(),
    name: mark('名'),
    id: mark('rid'),
    phone: fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `137${n}`),
    text: mark('话'),
    consentNote: mark('同意'),
    photoCount: fc.integer({ min: 0, max: 3 }),
    photoMark: mark('PH'),
    status: fc.constantFrom('pending', 'inProgress', 'handled', 'closed', 'merged'),
    assigned: fc.boolean(),
    steps: fc.array(
      fc.record({
        type: fc.constantFrom<TicketEventType>('accepted', 'note', 'coordinated', 'returned', 'handled', 'followedUp', 'closed', 'rated', 'rework', 'joined', 'supervised', 'reminded', 'escalated', 'mergedIn'),
        public: fc.boolean(),
        said: mark('回访说'),
      }),
      { maxLength: 12 },
    ),
  })
  .map((c) => {
    const reporter = c.hasReporter || c.source === 'residentReport' ? { _id: c.id, name: c.name } : null;
    const actor = reporter && !c.counter ? { _id: reporter._id, name: reporter.name, role: 'resident' as const } : { _id: worker.id, name: worker.name, role: 'gridWorker' as const };
    const photos = Array.from({ length: c.photoCount }, (_, i) => `cloud://local-kiosk.b/tickets/${c.id}/${c.photoMark}${i}.jpg`);
    const base = draftTicket({
      id: 't-1',
      communityId: 'c-1',
      reporter,
      actor,
      source: c.source,
      category: c.category,
      text: c.text,
      place: { estate: { _id: 'e-1', name: '壁山丽景小区' }, building: '3号楼', unit: null, spot: '楼道' },
      photos,
      anonymous: true,
      ...(reporter && c.counter ? { consent: { method: 'spoken' as const, recordedBy: worker.id, recordedByName: worker.name, note: c.consentNote } } : {}),
      grids: [{ _id: 'G1', covers: [{ estateId: 'e-1', buildings: ['3号楼'] }] }],
      requestKey: 'k',
      now: new Date(NOW.getTime() - 48 * 3600_000),
    });
    const said: string[] = [];
    const comments: string[] = [];
    const events: TicketEvent[] = c.steps.map((s, i) => {
      const at = new Date(NOW.getTime() - (40 - i) * 3600_000);
      const staff = { actorId: worker.id, actorName: worker.name, actorRole: 'gridWorker' as const };
      const common = { at, from: 'inProgress' as const, to: 'inProgress' as const };
      switch (s.type) {
        case 'followedUp':
          said.push(s.said);
          return { ...common, ...staff, type: s.type, note: s.said, public: true, detail: { date: '2026-11-19', method: 'phone', methodLabel: '电话回访' } };
        case 'rated':
          comments.push(s.said);
          return { ...common, type: s.type, actorId: c.id, actorName: c.name, actorRole: 'resident' as const, note: s.said, public: true, detail: { rating: 'unsatisfied', ratingLabel: '不满意' } };
        case 'rework':
          return { ...common, ...staff, type: s.type, note: '居民评价不满意，重新处理', public: true };
        case 'joined':
          return { ...common, type: s.type, actorId: FOLLOWER, actorName: '邻居', actorRole: 'resident' as const, note: '', public: false };
        case 'note':
          return { ...common, ...staff, type: s.type, note: s.public ? '已联系物业' : '内部记录', public: s.public };
        case 'returned':
        case 'reminded':
        case 'escalated':
        case 'mergedIn':
          return { ...common, ...staff, type: s.type, note: '内部', public: false };
        default:
          return { ...common, ...staff, type: s.type, note: '处理了', public: true, detail: { department: 'propertyManager', departmentName: '物业', contact: '物业王经理', by: '2026-12-01', deadline: '2026-12-01' } };
      }
    });
    const t: Ticket = {
      ...base,
      status: c.status as Ticket['status'],
      assigneeId: c.assigned ? worker.id : null,
      assigneeName: c.assigned ? worker.name : null,
      followerIds: [FOLLOWER],
      closedAt: c.status === 'closed' ? new Date(NOW.getTime() - 3600_000) : undefined,
      ratings: comments.map((comment) => ({ rating: 'unsatisfied' as const, comment, at: NOW })),
      events: [...base.events, ...events],
    };
    const secrets: Secrets = {
      name: reporter ? c.name : '',
      id: reporter ? c.id : '',
      phone: c.phone,
      text: c.text,
      said,
      comments,
      consentNote: reporter && c.counter ? c.consentNote : '',
      photos,
      urls: photos.map((p) => `http://127.0.0.1:1/tcb-file/${p.slice(p.lastIndexOf('/') + 1)}?sign=x`),
    };
    return { t, secrets };
  });

/** Every answer an audience gets about `t` (JSON), as the `ticket` function and the ledger give it. */
function answersFor(t: Ticket, s: Secrets, audience: Audience): unknown[] {
  const extra = { gridCode: 'G1', reporterPhone: s.phone, photos: s.urls };
  const changes = t.events.map((e) => ({ set: {}, events: [e], to: t.status }));
  switch (audience) {
    case 'reporter':
      return t.reporterId ? [residentView(t, t.reporterId, ['严婷'], s.urls), ...changes.map((c) => progressFor(t, c, 'reporter'))] : [];
    case 'follower':
      return [residentView(t, FOLLOWER, ['严婷'], s.urls), similarItem(t, FOLLOWER), ...changes.map((c) => progressFor(t, c, 'follower'))];
    case 'resident':
      return [residentView(t, NEIGHBOUR, ['严婷'], s.urls), similarItem(t, NEIGHBOUR)];
    case 'board':
      return onBoard(t, NOW) ? [boardItem(t, NOW)] : [];
    case 'assignee':
      return t.assigneeId ? [staffView(t, worker, extra, NOW), queueItem(t, NOW, 'assignee')] : [];
    case 'gridStaff':
      return [staffView(t, t.assigneeId ? otherWorker : worker, extra, NOW), queueItem(t, NOW, 'gridStaff')];
    case 'admin':
      return [staffView(t, admin, extra, NOW), queueItem(t, NOW, 'admin'), ticketTables([t])];
    case 'counter':
      return [counterView(t, { code: 'G1', names: ['严婷'] })];
    case 'robot':
      // the WeCom group robot's lines and message (issue 18), for every kind of fact
      return [robotMarkdown('G1', (['new', 'overdue', 'supervised'] as const).map((k) => robotLine(t, k, 'G1')))];
    case 'mediator':
      return [staffView({ ...t, mediatorIds: [mediator.id] }, mediator, extra, NOW)];
    case 'informant':
      return [staffView(t, informant, extra, NOW)];
  }
}

it('for random tickets and every audience, nothing of the reporter shows unless the table lets that audience see it', () => {
  fc.assert(
    fc.property(arbitraryCase, ({ t, secrets: s }) => {
      for (const audience of AUDIENCES) {
        const text = JSON.stringify(answersFor(t, s, audience));
        const hidden = (facet: Parameters<typeof sees>[2], values: string[]) => {
          if (sees(t, audience, facet)) return;
          for (const v of values.filter(Boolean)) if (text.includes(v)) throw new Error(`${audience} sees ${facet} (${v}) of ${t.category}/${t.source}: ${text}`);
        };
        hidden('reporterIdentity', [s.name, s.id]);
        hidden('reporterPhoneFull', [s.phone]);
        if (!sees(t, audience, 'reporterPhoneFull')) hidden('reporterPhone', [maskPhone(s.phone)]);
        hidden('reporterWords', [s.text, ...s.said, ...s.comments, '居民评价不满意']);
        hidden('counterRecord', [s.consentNote, '在解忧铺代']);
        hidden('reporterPhotos', [...s.photos, ...s.urls]);
      }
    }),
    { numRuns: Number(process.env.PRIVACY_RUNS ?? 500) },
  );
});

it('the table itself: a follower, any other resident and the board never see who reported, their words or photos; disputes exist for no other resident', () => {
  const secret = ['reporterIdentity', 'reporterPhone', 'reporterPhoneFull', 'reporterWords', 'reporterPhotos', 'counterRecord', 'internal'] as const;
  for (const category of CATEGORIES) {
    for (const audience of ['follower', 'resident', 'board', 'robot'] as Audience[]) for (const f of secret) expect({ category, audience, f, sees: sees({ category }, audience, f) }).toEqual({ category, audience, f, sees: false });
  }
  expect(sees({ category: 'noise' }, 'resident', 'problem')).toBe(false);
  expect(sees({ category: 'noise' }, 'board', 'problem')).toBe(false);
  expect(sees({ category: 'noise' }, 'robot', 'problem')).toBe(false);
  expect(sees({ category: 'roads' }, 'resident', 'problem')).toBe(true);
  expect(sees({ category: 'noise' }, 'assignee', 'reporterPhoneFull')).toBe(true);
  expect(sees({ category: 'noise' }, 'gridStaff', 'reporterPhoneFull')).toBe(false);
  // DESIGN.md: identity and phone for the assignee and admins only; a grid worker learns who by accepting
  for (const f of ['reporterIdentity', 'reporterPhone', 'reporterPhotos', 'counterRecord'] as const) expect({ f, sees: sees({ category: 'roads' }, 'gridStaff', f) }).toEqual({ f, sees: false });
});
