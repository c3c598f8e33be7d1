/**
 * Fuzzing every action of every function with fast-check: random and adversarial events (wrong
 * types, operator objects in any field, huge and odd Unicode strings, missing and extra fields,
 * other people's ids, unknown callers) → never an unhandled exception, always an error result,
 * and the store unchanged. Cases per action: FUZZ_RUNS (default 100, which keeps `npm test` inside
 * CI's time; `FUZZ_RUNS=1000 npx jest test/fuzz` for a deep run before a release).
 *
 * This module holds the table and the properties; the test files call {@link fuzzFunctions} for a
 * share of the functions each (`actions.test.ts`: all but consult, and the table's completeness;
 * `consult.test.ts`: consult), so that Jest's two workers fuzz at the same time. Each file gets its own
 * local cloud (the `beforeAll` below runs in each file that imports this module).
 */
import fc from 'fast-check';
import { declaredActions, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { MarketDaysResult } from '../../cloudfunctions/market/contract';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** Each action and its declared fields. */
export const ACTIONS: Record<string, Record<string, string[]>> = {
  consult: {
    create: ['title', 'background', 'kind', 'options', 'scope', 'rule', 'civilCodeItem', 'minTurnout', 'discussFrom', 'voteFrom', 'voteUntil', 'votersMustBeVerified', 'tallyGraceDays', 'requestId'],
    topics: ['status', 'cursor'],
    topic: ['topicId'],
    vote: ['topicId', 'choice', 'ownerDeclared', 'requestId'],
    voteFor: ['topicId', 'residentId', 'choice', 'ownerDeclared', 'consent', 'requestId'],
    topicsFor: ['residentId'],
    households: [],
    setHouseholds: ['estateId', 'households'],
    claimPaperRooms: ['topicId', 'estateId', 'building', 'rooms'],
    enterPaperCounts: ['topicId', 'estateId', 'building', 'counts', 'blank', 'invalid', 'photoFileIds', 'revision'],
    finishCounting: ['topicId', 'noPaperBuildings'],
    publish: ['topicId', 'note'],
    // proposals and discussion (issue 20)
    propose: ['title', 'background', 'options', 'scope', 'requestId'],
    second: ['topicId'],
    myProposals: [],
    schedule: ['topicId', 'rule', 'civilCodeItem', 'minTurnout', 'discussFrom', 'voteFrom', 'voteUntil', 'options'],
    merge: ['topicId', 'intoTopicId', 'reason'],
    decline: ['topicId', 'reason'],
    cancel: ['topicId', 'reason'],
    // `before` is any positive epoch ms: fuzzed through the other fields
    comments: ['topicId', 'beforeId'],
    comment: ['topicId', 'text', 'requestId'],
    hideComment: ['commentId', 'reason'],
    // meetings (issue 20)
    meetings: ['filter'],
    meeting: ['meetingId'],
    saveMeeting: ['meetingId', 'requestId', 'revision', 'title', 'kind', 'estateId', 'date', 'start', 'end', 'place', 'capacity', 'speakSlots', 'agendaTopicIds', 'attendance', 'minutes', 'photoFileIds', 'decisions'],
    announceMeeting: ['meetingId', 'revision'],
    holdMeeting: ['meetingId', 'revision'],
    cancelMeeting: ['meetingId', 'reason'],
    signUp: ['meetingId', 'kind'],
    cancelSignUp: ['meetingId', 'kind'],
    mySignUps: [],
    // opinions (issue 20)
    giveOpinion: ['text', 'place', 'requestId'],
    giveOpinionFor: ['residentId', 'text', 'place', 'consent', 'requestId'],
    recordOpinions: ['meetingId', 'opinions'],
    opinions: ['status', 'overdue', 'source'],
    myOpinions: [],
    opinion: ['opinionId'],
    acceptOpinion: ['opinionId'],
    resolveOpinion: ['opinionId', 'what', 'when'],
    answerOpinion: ['opinionId', 'text', 'reason'],
    rateOpinion: ['opinionId', 'rating', 'comment'],
    overdueOpinions: [],
  },
  market: {
    listMarketDays: [],
    getMarketDay: ['marketDayId'],
    book: ['slotId', 'requestId'],
    myBookings: [],
    cancelBooking: ['bookingId'],
    bookFor: ['residentId', 'slotId', 'requestId', 'consent'],
    bookingsFor: ['residentId'],
    checkIn: ['bookingId'],
    joinWaitlist: ['slotId'],
    leaveWaitlist: ['entryId'],
    myWaitlist: [],
    joinWaitlistFor: ['residentId', 'slotId', 'consent'],
    waitlistFor: ['residentId'],
    leaveWaitlistFor: ['residentId', 'entryId'],
    checkInByCode: ['code'],
    cancelMarketDay: ['marketDayId', 'reason'],
    withdrawService: ['marketDayId', 'serviceId', 'reason'],
    marketSettings: [],
    updateMarketSettings: ['name', 'weekday', 'start', 'end', 'place', 'horizonWeeks'],
    saveService: ['serviceId', 'requestId', 'name', 'kind', 'bookingMode', 'slotMinutes', 'capacity', 'description', 'provider', 'order', 'active', 'withdrawReason'],
    setStallPlan: ['stalls'],
    // events (活动, issue 22)
    listEvents: ['forResidentId'],
    getEvent: ['eventId', 'forResidentId'],
    saveEvent: ['eventId', 'requestId', 'title', 'kind', 'date', 'start', 'end', 'place', 'places', 'description'],
    cancelEvent: ['eventId', 'reason'],
    eventRoster: ['eventId'],
  },
  ticket: {
    reportFor: ['residentId', 'category', 'text', 'where', 'requestId', 'consent'],
    ticketsFor: ['residentId'],
    report: ['category', 'text', 'where', 'photos', 'anonymous', 'requestId'],
    similar: ['category', 'where'],
    board: [],
    join: ['ticketId'],
    myTickets: [],
    get: ['ticketId'],
    rate: ['ticketId', 'rating', 'comment'],
    queue: [],
    accept: ['ticketId'],
    note: ['ticketId', 'text', 'public'],
    coordinate: ['ticketId', 'department', 'departmentName', 'contact', 'agreed', 'by'],
    returnTicket: ['ticketId', 'reason'],
    handle: ['ticketId', 'result'],
    followUp: ['ticketId', 'date', 'method', 'reporterSaid'],
    close: ['ticketId', 'summary'],
    merge: ['ticketId', 'intoId'],
    fileCase: ['source', 'category', 'text', 'where', 'residentId', 'photos', 'opinionId', 'visitId', 'patrolId', 'requestId'],
    hardCases: [],
    workers: [],
    assign: ['ticketId', 'workerId'],
    supervise: ['ticketId', 'deadline', 'note'],
    remind: ['ticketId', 'note'],
    requestExtension: ['ticketId', 'untilDate', 'reason'],
    decideExtension: ['ticketId', 'approve', 'reason'],
    suspend: ['ticketId', 'reason', 'untilDate'],
    resume: ['ticketId'],
    verify: ['ticketId', 'passed', 'note', 'photos'],
    pendingDecisions: [],
    mediators: ['ticketId'],
    inviteMediator: ['ticketId', 'residentId'],
    volunteerTasks: [],
    settings: [],
    setSettings: ['handleDays', 'cannedReplies'],
  },
  stall: {
    registry: [],
    search: ['query'],
    stalls: [],
    register: ['communityId', 'kind', 'name', 'phone', 'goods', 'provides'],
    myVendor: [],
    updateGoods: ['goods'],
    applyStall: ['dates'],
    withdraw: ['applicationId'],
    watch: ['product'],
    vendors: [],
    approve: ['vendorId'],
    reject: ['vendorId', 'reason'],
    setRegular: ['vendorId', 'stallNumber'],
    assignStall: ['vendorId', 'date', 'stallNumber'],
    release: ['applicationId'],
    dayList: ['date'],
    checkIn: ['applicationId', 'code'],
    communities: [],
    moveStall: ['applicationId', 'toNumber'],
    setAllocation: ['mode', 'drawDaysBefore', 'drawAt'],
    drawRecord: ['date'],
    drawStalls: ['date'],
  },
  account: {
    me: [],
    listEstates: [],
    register: ['name', 'estateId', 'building', 'unit', 'room', 'phone'],
    searchResidents: ['query'],
    getResident: ['residentId'],
    registerFor: ['name', 'estateId', 'building', 'unit', 'room', 'phone', 'called', 'requestId', 'consent', 'confirmDuplicate'],
    verifyResident: ['residentId'],
    requestLink: [],
    confirmLink: ['residentId', 'code'],
    // family members (家人代办, issue 22)
    familyCode: ['name'],
    linkFamily: ['code', 'residentId', 'relation', 'consent'],
    unlinkFamily: ['linkId'],
    myElders: [],
    familyLinksOf: ['residentId'],
    bindPhone: ['code'],
    people: ['query'],
    person: ['userId'],
    setRole: ['userId', 'role', 'gridIds'],
    roleLog: ['userId'],
    grids: [],
    saveGrid: ['gridId', 'code', 'covers', 'workerIds'],
    setGridRobot: ['gridId', 'webhook'],
    testGridRobot: ['gridId'],
    subscribed: ['templateIds'],
    // `before` is any positive epoch ms and `{ all: true }` a whole valid event: fuzzed by extra keys and the action only
    myMessages: [],
    readMessages: ['ids'],
  },
  // the grid workers' own rounds (issue 21)
  rounds: {
    households: ['gridId'],
    household: ['householdKey'],
    recordVisit: ['householdKey', 'date', 'met', 'metNote', 'topics', 'note', 'requestId'],
    visits: ['gridId', 'householdKey', 'from', 'to'],
    setCareTags: ['householdKey', 'tags'],
    startPatrol: ['gridId', 'requestId'],
    endPatrol: ['patrolId', 'places', 'note'],
    patrols: ['gridId'],
    volunteerPatrol: [],
    visitPlans: [],
    setVisitPlans: ['visitEveryDays'],
  },
  // 代收快递 (issue 22)
  parcels: {
    log: ['residentId', 'carrier', 'shelf', 'toDoor', 'requestId'],
    shelf: [],
    pickUp: ['parcelId', 'code'],
    deliver: ['parcelId'],
    myParcels: [],
    toDeliver: [],
  },
  // 邻里互助 (issue 22)
  posts: {
    publish: ['kind', 'title', 'body', 'photos', 'days', 'requestId'],
    list: ['kind'],
    mine: [],
    withdraw: ['postId'],
    takeDown: ['postId', 'reason'],
    contact: ['postId', 'text', 'requestId'],
  },
  // notices (issue 22)
  notices: {
    publish: ['kind', 'title', 'body', 'audience', 'pinned', 'expiresOn', 'requestId'],
    withdraw: ['noticeId', 'reason'],
    forMe: [],
    read: ['noticeId'],
    list: [],
  },
  // 代缴代办 (issue 22)
  errands: {
    request: ['kind', 'what', 'requestId'],
    requestFor: ['residentId', 'kind', 'what', 'consent', 'requestId'],
    accept: ['errandId'],
    done: ['errandId', 'receiptPhotos', 'note'],
    cancel: ['errandId', 'reason'],
    mine: [],
    list: ['status'],
  },
  // 找师傅 (issue 22)
  providers: {
    directory: ['service'],
    manage: [],
    saveProvider: ['providerId', 'name', 'service', 'phone', 'area', 'priceNote', 'requestId'],
    deactivate: ['providerId', 'reason'],
    askReferral: ['service', 'providerId', 'need', 'requestId'],
    refer: ['referralId', 'providerId'],
    rate: ['referralId', 'stars', 'comment'],
    cancelReferral: ['referralId'],
    myReferrals: [],
    referrals: ['status'],
  },
  // 解忧智囊团 (issue 22)
  volunteers: {
    team: [],
    enlist: ['residentId', 'roles'],
    retire: ['residentId', 'reason'],
    roster: ['weekOf'],
    setDuty: ['residentId', 'date', 'slot', 'role', 'note'],
    removeDuty: ['dutyId'],
    markDuty: ['dutyId', 'status'],
    addHours: ['residentId', 'minutes', 'date', 'note', 'requestId'],
    mine: [],
  },
  console: {
    stats: ['from', 'to'],
    exportLedger: ['from', 'to', 'format', 'kind'],
  },
};

let cloud: TestCloud;
let othersBookingIds: string[] = [];
let realIds: string[] = [];

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4 });
  const days = (await cloud.call('market', { action: 'listMarketDays' }, openidOf('r-zou'))) as { ok: true; data: MarketDaysResult };
  const dayId = days.data.days[0].id;
  await cloud.call('market', { action: 'book', slotId: `${dayId}_svc-lc-haircut_1000`, requestId: 'fuzz-setup-1' }, openidOf('r-zou'));
  othersBookingIds = cloud.db.find('bookings', {}).map((b) => b._id);
  await cloud.call('ticket', { action: 'report', category: 'noise', text: '楼上每天半夜装修，吵得睡不着', requestId: 'fuzz-setup-2' }, openidOf('r-zou'));
  const ticketIds = cloud.db.find('tickets', {}).map((t) => t._id);
  realIds = [...ticketIds, 'w-yan', 'G-LC-01', dayId, `${dayId}_svc-lc-haircut_1020`, 'e-bishan', 'r-zhao', 'r-zou', 'c-laocheng', ...othersBookingIds];
}, 60_000);
afterAll(() => cloud.close());

const operator = fc.oneof(
  fc.constantFrom('$ne', '$gt', '$gte', '$lt', '$regex', '$where', '$exists', '$in', '$nin', '$expr', '$or').chain((op) =>
    fc.oneof(fc.constant({ [op]: '' }), fc.constant({ [op]: null }), fc.constant({ [op]: ['r-zhao'] }), fc.constant({ [op]: '.*' })),
  ),
);
/**
 * Strings no declared string field accepts alone (too long, empty, blank, control characters…).
 * (`'$where'` is not one: a free-text field such as the counter's search accepts it as text, with
 * its punctuation ignored; operator objects like `{ $where: … }` are in `operator`.)
 */
const oddString = fc.oneof(
  fc.constant('解'.repeat(10_000)),
  fc.constant('a'.repeat(100_000)),
  fc.constant('\u0000\u202e\ud800'),
  fc.constant(''),
  fc.constant('   '),
);
/** A value that must never be accepted where a declared field belongs. */
const badValue = fc.oneof(operator, oddString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));
/** A value that may or may not be valid: real ids (including other people's), good-looking strings, or bad values. */
const anyValue = fc.oneof(
  fc.constant(null).chain(() => fc.constantFrom(...realIds)),
  fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/),
  fc.fullUnicodeString({ maxLength: 40 }),
  badValue,
);
const callers = fc.constantFrom(openidOf('r-zhao'), openidOf('w-yan'), 'unknown-openid', '');

/** Events that are guaranteed invalid: one declared field bad, or one unknown field, or no action. */
function eventsFor(action: string, fields: string[]) {
  const declared = fc.record(Object.fromEntries(fields.map((f) => [f, anyValue])), { requiredKeys: [] });
  // an extra key is one the action does not declare ('__proto__' never reaches a function as a field:
  // the transport drops it, so it could not make the event invalid)
  const extraKey = fc
    .oneof(fc.constantFrom('residentId', 'openid', 'userInfo2', '_id', '$where', 'role', '__proto__x', 'forElder'), fc.string({ minLength: 1, maxLength: 12 }))
    .filter((k) => !fields.includes(k) && k !== 'action' && k !== 'userInfo' && k !== '__proto__');
  const corruptions = [
    // an extra, unknown field
    fc.tuple(declared, extraKey, anyValue).map(([d, k, v]) => ({ action, ...d, [k]: v })),
    // the action itself of the wrong shape
    fc.tuple(declared, fc.oneof(badValue, fc.constant(undefined))).map(([d, a]) => ({ ...d, action: a })),
  ];
  if (fields.length) {
    // one declared field with a bad value (the others anything)
    corruptions.push(fc.tuple(declared, fc.constantFrom(...fields), badValue).map(([d, f, v]) => ({ action, ...d, [f]: v })));
  }
  return fc.oneof(...corruptions);
}

/** The whole table's checks: every declared action is in it, and other people's bookings stay theirs. */
export function fuzzTableChecks(): void {
  it('fuzzes every declared action (timers are covered by the permission matrix)', () => {
    const declared = Object.keys(declaredActions(cloud)).filter((k) => !k.includes('.timer:'));
    expect(declared.sort()).toEqual(Object.entries(ACTIONS).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`)).sort());
  });

  it('other people’s booking ids are refused, not cancelled', async () => {
    for (const id of othersBookingIds) {
      const r = (await cloud.call('market', { action: 'cancelBooking', bookingId: id }, openidOf('r-zhao'))) as { ok: boolean; error?: { code: string } };
      expect(r).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    }
    expect(cloud.db.find('bookings', { status: 'booked' })).toHaveLength(othersBookingIds.length);
  });
}

/** Fuzzes every action of the functions `fns` (names of {@link ACTIONS}): one test per action. */
export function fuzzFunctions(fns: string[]): void {
  for (const [fn, actions] of Object.entries(ACTIONS).filter(([f]) => fns.includes(f))) {
    for (const [action, fields] of Object.entries(actions)) {
      it(`${fn}.${action}: adversarial events get an error and change nothing`, async () => {
        await fc.assert(
          fc.asyncProperty(eventsFor(action, fields), callers, async (event, openid) => {
            const before = cloud.snapshot();
            let result: unknown;
            try {
              result = await cloud.call(fn, event, openid);
            } catch (e) {
              throw new Error(`unhandled: ${(e as Error).message}`);
            }
            const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
            expect(r.ok).toBe(false);
            expect(typeof r.error?.code).toBe('string');
            expect(r.error?.message).toMatch(/[\u4e00-\u9fa5]/);
            expect(cloud.snapshot()).toBe(before);
          }),
          { numRuns: RUNS },
        );
      }, 600_000);
    }
  }
}
