/**
 * Handlers of the staff-created topic's life and of reading topics (docs/consultation-design.md §1–3):
 * `create`, `topics`, `topic`, `households`, `setHouseholds`, `finishCounting`, `publish`, and the
 * timer job that writes due results (`decideDueTopics`). Votes: `actions/votes.ts`; paper: `actions/paper.ts`.
 */
import { _, db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { budget } from '../../shared/budget';
import { AppError } from '../../shared/errors';
import { householdKeyOfUser, normalisePart } from '../../shared/households';
import type { Estate, Grid, PaperTally, Topic, TopicEvent, TopicSecond, TopicStatus, User, Vote } from '../../shared/model';
import { assertAdminOf, assertStaffOf, isHouseholdInScope, isStaffOf } from '../../shared/policy';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler, PreloadsOf } from '../../shared/router';
import { preloadOf, type LoadedUser } from '../../shared/users';
import type { actions } from '../contract';
import type { HouseholdRegisterView, StaffTopicView, TopicView } from '../contracts/topics';
import { decide, electorateShown, outcomeLabelOf } from '../domain/decide';
import { isDue, phaseOf } from '../domain/phase';
import { buildingsNotCounted } from '../domain/tallyCheck';
import { CONSULT_LIMITS as L } from '../limits';
import { closeTallies, countedPaper, ensureTally, newTally, preloadTallies, TALLIES } from '../tallies';
import { electorateOf, endedTopics, ESTATES, estatesOf, insertTopic, preloadEstates, preloadTopic, readTopic, scopeBuildings, topicOf, TOPICS, writeDecided, writePublished } from '../topics';
import { topicCardOf, topicViewOf } from '../views';
import { digitalCounts, preloadMyVote, turnoutOf, VOTES, votedByTopic } from '../votes';

export const SECONDS = 'topicSeconds';
const YES_NO = [
  { key: 'agree', label: '同意' },
  { key: 'disagree', label: '不同意' },
  { key: 'abstain', label: '弃权' },
];

/** An event by `user` (or the timer) at `now`. */
export function eventOf(type: TopicEvent['type'], actor: Pick<User, '_id' | 'name' | 'role'> | 'timer', note: string, now: Date, detail?: Record<string, unknown>): TopicEvent {
  return actor === 'timer'
    ? { type, at: now, actorId: 'timer', actorName: '系统', actorRole: 'timer', note, ...(detail ? { detail } : {}) }
    : { type, at: now, actorId: actor._id, actorName: actor.name, actorRole: actor.role, note, ...(detail ? { detail } : {}) };
}

/** Whether a resident (or a staff member) may read `t`: staff of its community all; others when its scope is the community or holds their home. */
function maySee(user: User, t: Topic): boolean {
  if (t.communityId !== user.communityId) return false;
  if (isStaffOf(user, t.communityId)) return true;
  return t.scope.kind === 'community' || isHouseholdInScope(user, t);
}

// ─── create ───

/** Preload of `create`: the estates of the caller's community. */
export const preloadCreate = () => ({ estates: preloadEstates() });

export const create: Handler<typeof actions.create, PreloadsOf<typeof preloadCreate>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const civil = input.rule === 'civilCode';
  if (civil && user.role !== 'communityAdmin') throw new AppError('COMMON.FORBIDDEN');
  if (civil && input.kind !== 'yesNo') throw new AppError('CONSULT.CIVIL_CODE_YES_NO');
  if (civil && !input.civilCodeItem) throw new AppError('CONSULT.CIVIL_CODE_YES_NO');
  if (input.kind === 'choice' && (!input.options || new Set(input.options).size !== input.options.length)) throw new AppError('CONSULT.OPTION_INVALID');
  const [discussFrom, voteFrom, voteUntil] = [input.discussFrom, input.voteFrom, input.voteUntil].map((s) => new Date(s));
  const hours = (voteUntil.getTime() - voteFrom.getTime()) / 3_600_000;
  if (discussFrom > voteFrom || voteUntil <= now || hours < L.votePeriodHours.min || hours > L.votePeriodHours.max) throw new AppError('CONSULT.PERIOD_INVALID');

  const key = requestKey(user._id, input.requestId);
  const hash = requestHash({ ...input, requestId: undefined });
  const estates = await estatesOf(user.communityId, preloaded?.estates);
  const rows = scopeBuildings(input.scope, estates);
  if (!rows.length) throw new AppError('CONSULT.PLACE_NOT_FOUND');
  if (user.role === 'gridWorker') {
    // a grid worker: an estate or building scope wholly within their grids (`users.gridIds`, as tickets read them)
    if (input.scope.kind === 'community') throw new AppError('COMMON.FORBIDDEN');
    const { data } = user.gridIds?.length ? await db.collection('grids').where({ communityId: user.communityId, _id: _.in(user.gridIds) }).limit(50).get() : { data: [] };
    const covered = new Set((data as Grid[]).flatMap((g) => g.covers.flatMap((c) => c.buildings.map((b) => `${c.estateId}|${normalisePart(b)}`))));
    if (!rows.every((r) => covered.has(`${r.estateId}|${r.building}`))) throw new AppError('COMMON.FORBIDDEN');
  }
  assertStaffOf(user, user.communityId);
  const electorate = await electorateOf(user.communityId, rows, civil);
  const options = input.kind === 'yesNo' ? YES_NO : input.options!.map((label, i) => ({ key: `o${i + 1}`, label }));
  const scope = input.scope.kind === 'building' ? { ...input.scope, building: rows[0].label } : input.scope;
  const doc: Omit<Topic, '_id'> = {
    communityId: user.communityId,
    scope,
    title: input.title,
    background: input.background,
    kind: input.kind,
    options,
    rule: input.rule,
    ...(civil ? { civilCodeItem: input.civilCodeItem } : {}),
    ...(!civil && input.minTurnout ? { minTurnout: input.minTurnout } : {}),
    status: 'scheduled',
    secondsNeeded: user.community?.consultation?.secondThreshold ?? 10,
    seconds: 0,
    discussFrom,
    voteFrom,
    voteUntil,
    tallyGraceDays: input.tallyGraceDays ?? L.tallyGraceDays.default,
    electorate,
    votersMustBeVerified: civil ? true : (input.votersMustBeVerified ?? true),
    events: [eventOf('created', user, `${user.name} 发起议题`, now)],
    requestKey: key,
    requestHash: hash,
    createdBy: user._id,
    createdAt: now,
    updatedAt: now,
  };
  const { topic } = await insertTopic(doc);
  sameRequest(topic, hash);
  return staffView(topic, user, estates, [], null, now);
};

/** The staff view of a topic with what it needs (turnout read when voting has begun). */
async function staffView(t: Topic, user: LoadedUser, estates: Estate[], tallies: PaperTally[], turnoutKnown: TopicView['turnout'], now: Date): Promise<StaffTopicView> {
  const phase = phaseOf(t, now);
  const turnout = turnoutKnown ?? (phase === 'voting' || phase === 'counting' || phase === 'decided' ? await turnoutOf(t._id, t.electorate) : null);
  const view = topicViewOf(t, { user, estates, inScope: false, myVote: null, turnout, seconds: { count: t.seconds, mine: false }, tallies, now });
  return view as StaffTopicView;
}

// ─── topics ───

const STATUSES: Record<'open' | 'past' | 'proposals', TopicStatus[]> = {
  open: ['scheduled'],
  past: ['decided', 'closed'],
  proposals: ['proposed', 'seconded'],
};
const SCAN = 50;

/** Preload of `topics`: up to 50 topics of the caller's community in the asked states, newest first, and the caller's household's votes and the estates. */
export const preloadTopics = ({ status, cursor }: { status?: 'open' | 'past' | 'proposals'; cursor?: string }) => ({
  topics: preloadOf<Topic>({
    from: TOPICS,
    match: { status: { $in: STATUSES[status ?? 'open'] }, ...(cursor ? { createdAt: { $lt: new Date(cursor) } } : {}) },
    sameAsCaller: { communityId: 'communityId' },
    sort: { createdAt: -1 },
    limit: SCAN + 1,
    exclude: ['events', 'background'],
  }),
  mine: preloadOf<Vote>({ from: VOTES, match: {}, sameAsCaller: { householdKey: 'householdKey' }, sort: { castAt: -1 }, limit: 200, exclude: ['choice', 'consent'] }),
  estates: preloadEstates(),
});

export const topics: Handler<typeof actions.topics, ReturnType<typeof preloadTopics>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const status = STATUSES[input.status ?? 'open'];
  const scanned =
    preloaded?.topics ??
    ((await db
      .collection(TOPICS)
      .where({ communityId: user.communityId, status: _.in(status), ...(input.cursor ? { createdAt: _.lt(new Date(input.cursor)) } : {}) })
      .orderBy('createdAt', 'desc')
      .limit(SCAN + 1)
      .get()).data as Topic[]);
  const more = scanned.length > SCAN;
  const visible: Topic[] = [];
  let last: Topic | null = null;
  for (const t of scanned.slice(0, SCAN)) {
    last = t;
    if (maySee(user, t)) visible.push(t);
    if (visible.length === L.topicsPage) break;
  }
  const estates = await estatesOf(user.communityId, preloaded?.estates);
  const staff = isStaffOf(user, user.communityId);
  const key = householdKeyOfUser(user);
  const mineList = user.householdKey ? (preloaded?.mine ?? []) : [];
  const needsVotes = visible.filter((t) => t.status === 'scheduled' || t.status === 'decided').map((t) => t._id);
  const [voted, legacyMine] = await Promise.all([
    votedByTopic(needsVotes),
    // a record older than issue 20 has no stored householdKey: read its household's votes by the derived key
    !staff && key && !user.householdKey && needsVotes.length ? db.collection(VOTES).where({ householdKey: key, topicId: _.in(needsVotes) }).field({ topicId: true }).limit(200).get() : Promise.resolve({ data: [] as unknown[] }),
  ]);
  const mine = new Set([...mineList.map((v) => v.topicId), ...(legacyMine.data as { topicId: string }[]).map((v) => v.topicId)]);
  const items = visible.map((t) => topicCardOf(t, estates, voted.get(t._id) ?? 0, staff ? null : mine.has(t._id), t.seconds, now));
  const stoppedEarly = last !== null && last !== scanned[Math.min(scanned.length, SCAN) - 1];
  return { items, nextCursor: (more || stoppedEarly) && last ? new Date(last.createdAt).toISOString() : null };
};

// ─── topic ───

/** Preload of `topic`: the topic, the caller's household's vote and second, the community's estates and the topic's tallies. */
export const preloadTopicView = ({ topicId }: { topicId: string }) => ({
  topic: preloadTopic(topicId),
  myVote: preloadMyVote(topicId),
  mySecond: preloadOf<TopicSecond>({ from: SECONDS, match: { topicId }, sameAsCaller: { householdKey: 'householdKey' } }),
  estates: preloadEstates(),
  tallies: preloadTallies(topicId),
});

export const topic: Handler<typeof actions.topic, ReturnType<typeof preloadTopicView>> = async ({ topicId }, { user, preloaded }) => {
  const now = clockNow();
  const t = await topicOf(user, topicId, preloaded?.topic);
  if (!maySee(user, t)) throw new AppError('CONSULT.TOPIC_NOT_FOUND');
  const staff = isStaffOf(user, t.communityId);
  const key = householdKeyOfUser(user);
  const phase = phaseOf(t, now);
  const voting = phase === 'voting' || phase === 'counting' || phase === 'decided';
  const proposal = t.status === 'proposed' || t.status === 'seconded';
  // round trip 2: the live turnout, or the seconds of a proposal; a record without a stored householdKey reads its own household's records too
  const legacy = !staff && !!key && !user.householdKey;
  const [turnout, secondsCount, legacyVote, legacySecond, estates, tallies] = await Promise.all([
    voting ? turnoutOf(t._id, t.electorate) : Promise.resolve(null),
    proposal ? db.collection(SECONDS).where({ topicId }).count().then((r) => r.total) : Promise.resolve(t.seconds),
    legacy ? db.collection(VOTES).where({ topicId, householdKey: key }).limit(1).get().then((r) => r.data as Vote[]) : Promise.resolve(null),
    legacy ? db.collection(SECONDS).where({ topicId, householdKey: key }).limit(1).get().then((r) => r.data as TopicSecond[]) : Promise.resolve(null),
    estatesOf(user.communityId, preloaded?.estates),
    staff ? Promise.resolve(preloaded?.tallies ?? []) : Promise.resolve([]),
  ]);
  const myVotes = legacyVote ?? (user.householdKey ? (preloaded?.myVote ?? []) : []);
  const mySeconds = legacySecond ?? (user.householdKey ? (preloaded?.mySecond ?? []) : []);
  return topicViewOf(t, {
    user,
    estates,
    inScope: isHouseholdInScope(user, t),
    myVote: !staff ? (myVotes.find((v) => v.householdKey === key) ?? null) : null,
    turnout,
    seconds: { count: secondsCount, mine: !staff && mySeconds.some((s) => s.householdKey === key) },
    tallies,
    now,
  });
};

// ─── households (户数登记) ───

function registerViewOf(e: Estate): HouseholdRegisterView {
  const buildings = e.buildings.map((b) => ({ building: b, households: e.households?.[b] ?? null }));
  return {
    estateId: e._id,
    estateName: e.name,
    buildings,
    total: buildings.reduce((a, b) => a + (b.households ?? 0), 0),
    complete: buildings.every((b) => b.households !== null),
  };
}

export const households: Handler<typeof actions.households, PreloadsOf<typeof preloadCreate>> = async (_input, { user, preloaded }) => {
  assertStaffOf(user, user.communityId);
  return (await estatesOf(user.communityId, preloaded?.estates)).map(registerViewOf);
};

export const setHouseholds: Handler<typeof actions.setHouseholds> = async (input, { user }) => {
  const { data } = await db.collection(ESTATES).where({ _id: input.estateId, communityId: user.communityId }).limit(1).get();
  const estate = data[0] as Estate | undefined;
  if (!estate) throw new AppError('CONSULT.PLACE_NOT_FOUND');
  assertAdminOf(user, estate.communityId);
  const set: Record<string, unknown> = {};
  const next = { ...(estate.households ?? {}) };
  for (const row of input.households) {
    const b = estate.buildings.find((x) => normalisePart(x) === normalisePart(row.building));
    if (!b) throw new AppError('CONSULT.PLACE_NOT_FOUND', { building: row.building });
    // one field per building (dot path), so two admins entering different buildings never overwrite each other
    set[`households.${b}`] = row.count > 0 ? row.count : _.remove();
    if (row.count > 0) next[b] = row.count;
    else delete next[b];
  }
  await db.collection(ESTATES).where({ _id: estate._id }).update({ data: set });
  return registerViewOf({ ...estate, households: next });
};

// ─── the result: finishCounting and the timer ───

/**
 * Writes the result of `t` once (design §1): counts the WeChat and counter votes cast before
 * `voteUntil` and the counted paper, decides (`domain/decide.ts`), and updates
 * `where({ _id, status: 'scheduled' })`. Answers the topic as it now stands — this call's result,
 * or the one written first by the other writer (timer or `finishCounting`).
 * Before reading the paper it closes the topic's tallies (`closeTallies`), so a count or claim
 * racing the result is either in what is read or refused (CONSULT.TALLY_CLOSED) — never lost.
 * `estates`/`tallies`: the community's estates and the topic's tallies when the caller has them.
 */
export async function decideTopic(
  t: Topic,
  actor: Pick<User, '_id' | 'name' | 'role'> | 'timer',
  now: Date,
  known: { estates?: Estate[]; tallies?: PaperTally[] } = {},
): Promise<{ topic: Topic; wrote: boolean; tallies: PaperTally[] }> {
  const [estates, tallies] = await Promise.all([
    known.estates ? Promise.resolve(known.estates) : estatesOf(t.communityId),
    known.tallies ? Promise.resolve(known.tallies) : db.collection(TALLIES).where({ topicId: t._id }).limit(1000).get().then((r) => r.data as PaperTally[]),
  ]);
  let rows: { estateId: string; building: string }[] = [];
  try {
    rows = scopeBuildings(t.scope, estates);
  } catch {
    rows = []; // an estate removed since: its existing tallies are still closed below
  }
  await closeTallies(t, rows, tallies, now);
  const [digital, paper] = await Promise.all([digitalCounts(t._id, new Date(t.voteUntil!)), countedPaper(t._id)]);
  const result = decide(t, { ...digital, paper: paper.paper, paperBlank: paper.paperBlank, paperInvalid: paper.paperInvalid }, now);
  const note = actor === 'timer' ? '计票时间到，系统写入结果' : `${actor.name} 确认计票完成，写入结果`;
  const wrote = await writeDecided(t._id, result, eventOf('decided', actor, note, now, { outcome: result.outcome, voted: result.households.voted }), now);
  if (wrote) return { topic: { ...t, status: 'decided', result, events: [...t.events, eventOf('decided', actor, note, now)] }, wrote, tallies: paper.tallies };
  const stored = await readTopic(t._id);
  return { topic: stored ?? t, wrote: false, tallies: paper.tallies };
}

/** Preload of `finishCounting` and `publish`: the topic, the estates and the tallies. */
export const preloadStaffTopic = ({ topicId }: { topicId: string }) => ({ topic: preloadTopic(topicId), estates: preloadEstates(), tallies: preloadTallies(topicId) });

export const finishCounting: Handler<typeof actions.finishCounting, ReturnType<typeof preloadStaffTopic>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const t = await topicOf(user, input.topicId, preloaded?.topic);
  assertAdminOf(user, t.communityId);
  const estates = await estatesOf(user.communityId, preloaded?.estates);
  if (t.status === 'decided') return staffView(t, user, estates, preloaded?.tallies ?? [], null, now);
  if (phaseOf(t, now) !== 'counting') throw new AppError('CONSULT.WRONG_STATE');
  const rows = scopeBuildings(t.scope, estates);
  const noPaper = input.noPaperBuildings.map((b) => ({ estateId: b.estateId, building: normalisePart(b.building) }));
  const inScope = new Set(rows.map((r) => `${r.estateId}|${r.building}`));
  if (noPaper.some((b) => !inScope.has(`${b.estateId}|${b.building}`))) throw new AppError('CONSULT.PLACE_NOT_FOUND');
  const tallies = preloaded?.tallies ?? ((await db.collection(TALLIES).where({ topicId: t._id }).limit(1000).get()).data as PaperTally[]);
  const missing = buildingsNotCounted(rows, tallies.map((x) => ({ ...x, rooms: x.rooms.length })), noPaper);
  if (missing.length) {
    const names = missing.map((m) => rows.find((r) => r.estateId === m.estateId && r.building === m.building)).map((r) => `${r?.estateName ?? ''}${r?.label ?? ''}`);
    throw new AppError('CONSULT.PAPER_NOT_COUNTED', { buildings: names });
  }
  // record the buildings declared without paper (a tally in state `none`), then write the result
  const declared = noPaper.filter((b) => !tallies.some((x) => x.estateId === b.estateId && x.building === b.building));
  for (let i = 0; i < declared.length; i += 20) await Promise.all(declared.slice(i, i + 20).map((b) => ensureTally(newTally(t, b.estateId, b.building, user._id, now, 'none'))));
  const { topic: decided, tallies: after } = await decideTopic(t, user, now, { estates, tallies: [...tallies, ...declared.map((b) => newTally(t, b.estateId, b.building, user._id, now, 'none'))] });
  return staffView(decided, user, estates, after, null, now);
};

/**
 * Timer job: writes the result of every scheduled topic whose paper period is over
 * (`voteUntil + tallyGraceDays ≤ now`), oldest first, within the run's budget. Idempotent: a topic
 * already decided (by `finishCounting`) is not written again.
 */
export async function decideDueTopics(): Promise<{ topicsDecided: number }> {
  const now = clockNow();
  const spent = budget();
  let decidedCount = 0;
  const candidates = (await endedTopics(now, 50)).filter((t) => isDue(t, now));
  for (const t of candidates) {
    const { wrote } = await decideTopic(t, 'timer', now);
    if (wrote) decidedCount += 1;
    if (spent()) break;
  }
  return { topicsDecided: decidedCount };
}

// ─── publish ───

export const publish: Handler<typeof actions.publish, ReturnType<typeof preloadStaffTopic>> = async (input, { user, preloaded }) => {
  const now = clockNow();
  const t = await topicOf(user, input.topicId, preloaded?.topic);
  assertAdminOf(user, t.communityId);
  if (t.status !== 'decided') throw new AppError('CONSULT.WRONG_STATE');
  const estates = await estatesOf(user.communityId, preloaded?.estates);
  const wrote = await writePublished(t._id, input.note, eventOf('published', user, `${user.name} 公布结果`, now), now);
  const stored = wrote ? { ...t, publishedAt: now, ...(input.note ? { publishNote: input.note } : {}) } : ((await readTopic(t._id)) ?? t);
  if (wrote) await tellHouseholds(stored, now);
  return staffView(stored, user, estates, preloaded?.tallies ?? [], null, now);
};

/**
 * Tells the residents in the topic's scope its result, in their inbox (消息, `messages`; one message
 * per person: `_id` = `consult-<topicId>-<userId>`, so a retry stores none twice). The subscribe
 * message template `consultResult` is not configured yet (`shared/templates.ts`): inbox only.
 * Never throws: a notification is never part of the action.
 */
async function tellHouseholds(t: Topic, now: Date): Promise<void> {
  try {
    const { data } = await db.collection('users').where({ communityId: t.communityId, role: 'resident' }).field({ _id: true, home: true, communityId: true, openid: true }).limit(1000).get();
    const people = (data as Pick<User, '_id' | 'home' | 'communityId' | 'openid'>[]).filter((u) => isHouseholdInScope(u, t));
    const outcome = t.result ? outcomeLabelOf(t.result.outcome, t.options) : '';
    const lines = [`《${t.title}》的表决结果已公布：${outcome}。`, `参与表决 ${t.result?.households.voted ?? 0} 户${t.electorate ? `，${electorateShown(t.electorate, t.result?.households.voted ?? 0)!.text}` : ''}。`, ...(t.publishNote ? [t.publishNote] : [])];
    for (let i = 0; i < people.length; i += 20) {
      await Promise.all(
        people.slice(i, i + 20).map((u) =>
          db
            .collection('messages')
            .add({ data: { _id: `consult-${t._id}-${u._id}`, userId: u._id, kind: 'consultResult', title: '议事结果已公布', lines, page: `consult/pages/topic?id=${t._id}`, at: now } })
            .catch(() => undefined),
        ),
      );
    }
  } catch (e) {
    console.warn(`[consult] telling households of ${t._id} failed: ${String(e)}`);
  }
}
