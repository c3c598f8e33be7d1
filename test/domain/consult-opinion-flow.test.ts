/**
 * The rules of an opinion's life (`consult/domain/opinionFlow.ts`, docs/consultation-design.md §4),
 * as a table: every command from every status — allowed (the status it goes to, whether that is a
 * final step the giver is told about), a no-op (a retry of a step already done) or refused with its
 * stable code —, the one reopening on 不满意, and the final states.
 */
import { canRate, decideOpinion, FINAL_STATUSES, isOpinionOverdue, OPEN_STATUSES, type OpinionCommand } from '../../cloudfunctions/consult/domain/opinionFlow';
import { AppError } from '../../cloudfunctions/shared/errors';
import type { Opinion, OpinionStatus } from '../../cloudfunctions/shared/model';

const NOW = new Date('2026-12-09T02:00:00Z'); // 10:00 on 2026-12-09 in Shanghai
const ACTOR = { id: 'w-yan', name: '严婷' };
const DAYS = 10;

/** An opinion in `status`; `ticketId` set for ticketed ones and for one resolved through its ticket. */
function opinion(status: OpinionStatus, more: Partial<Opinion> = {}): Opinion {
  return {
    _id: 'op-1',
    communityId: 'c-laocheng',
    source: 'app',
    text: '楼道灯坏了',
    giver: { userId: 'r-li' },
    status,
    dueAt: new Date('2026-12-20T00:00:00Z'),
    overdue: false,
    reopened: 0,
    events: [],
    requestKey: 'k',
    createdAt: NOW,
    updatedAt: NOW,
    ...more,
  };
}

/** The fixtures, by name: each status, with the ticket link where it has one. */
const STATES: Record<string, Opinion> = {
  open: opinion('open'),
  accepted: opinion('accepted'),
  ticketed: opinion('ticketed', { ticketId: 'T1' }),
  resolved: opinion('resolved'),
  resolvedByTicket: opinion('resolved', { ticketId: 'T1' }),
  answered: opinion('answered'),
};

const COMMANDS: Record<string, OpinionCommand> = {
  accept: { type: 'accept' },
  resolve: { type: 'resolve', what: '换了灯泡', when: '2026-12-09' },
  answer: { type: 'answer', text: '这是物业的事', reason: '不属社区职责' },
  ticket: { type: 'ticket', ticketId: 'T1' },
  ticketOther: { type: 'ticket', ticketId: 'T2' },
  resolveFromTicket: { type: 'resolveFromTicket', ticketId: 'T1', what: '工单办结', when: '2026-12-09' },
  resolveFromOtherTicket: { type: 'resolveFromTicket', ticketId: 'T2', what: '工单办结', when: '2026-12-09' },
  rework: { type: 'rework', ticketId: 'T1' },
  reworkOther: { type: 'rework', ticketId: 'T2' },
  rateSatisfied: { type: 'rate', rating: 'satisfied', comment: '' },
};

/** What a command does: `→status` (final or not), `noop`, or the refusal code. */
function outcome(o: Opinion, cmd: OpinionCommand): string {
  try {
    const c = decideOpinion(o, ACTOR, cmd, NOW, DAYS);
    if (c.noop) return 'noop';
    return `→${c.to}${c.final ? ' (final)' : ''}`;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

const W = 'CONSULT.OPINION_WRONG_STATE';
const NR = 'CONSULT.NOT_RATABLE';
// rows: command; columns: open, accepted, ticketed(T1), resolved, resolved by ticket T1, answered
const TABLE: [string, string[]][] = [
  ['accept', ['→accepted', 'noop', W, W, W, W]],
  ['resolve', ['→resolved (final)', '→resolved (final)', W, W, W, W]],
  ['answer', ['→answered (final)', '→answered (final)', W, W, W, W]],
  ['ticket', ['→ticketed (final)', '→ticketed (final)', 'noop', W, W, W]],
  ['ticketOther', ['→ticketed (final)', '→ticketed (final)', W, W, W, W]],
  ['resolveFromTicket', [W, W, '→resolved (final)', W, 'noop', W]],
  ['resolveFromOtherTicket', [W, W, W, W, W, W]],
  ['rework', [W, W, 'noop', W, '→ticketed', W]],
  ['reworkOther', [W, W, W, W, W, W]],
  ['rateSatisfied', [NR, NR, NR, '→resolved', '→resolved', '→answered']],
];
const COLUMNS = ['open', 'accepted', 'ticketed', 'resolved', 'resolvedByTicket', 'answered'];

describe('every command from every status', () => {
  it.each(TABLE)('%s', (command, expected) => {
    expect(COLUMNS.map((s) => outcome(STATES[s], COMMANDS[command]))).toEqual(expected);
  });

  it('the table covers every status and every command type', () => {
    expect(new Set(COLUMNS.map((c) => STATES[c].status))).toEqual(new Set<OpinionStatus>(['open', 'accepted', 'ticketed', 'resolved', 'answered']));
    expect(new Set(TABLE.map(([c]) => COMMANDS[c].type))).toEqual(new Set(['accept', 'resolve', 'answer', 'ticket', 'resolveFromTicket', 'rework', 'rate']));
  });
});

describe('what a step writes', () => {
  it('resolve records what was done, when and by whom, and one event', () => {
    const c = decideOpinion(STATES.accepted, ACTOR, COMMANDS.resolve, NOW, DAYS);
    expect(c).toEqual({
      noop: false,
      set: { status: 'resolved', resolution: { what: '换了灯泡', when: '2026-12-09', by: 'w-yan', byName: '严婷' } },
      events: [{ type: 'resolved', at: NOW, actorId: 'w-yan', actorName: '严婷', note: '换了灯泡' }],
      to: 'resolved',
      final: true,
    });
  });

  it('resolve refuses a date after today (Asia/Shanghai)', () => {
    expect(outcome(STATES.open, { type: 'resolve', what: '换了灯泡', when: '2026-12-10' })).toBe('CONSULT.OPINION_DATE_INVALID');
    expect(outcome(STATES.open, { type: 'resolve', what: '换了灯泡', when: '2026-12-08' })).toBe('→resolved (final)');
  });

  it('answer keeps the reply text and its reason; ticket links the ticket', () => {
    const a = decideOpinion(STATES.open, ACTOR, COMMANDS.answer, NOW, DAYS);
    expect(!a.noop && a.set).toEqual({ status: 'answered', reply: { text: '这是物业的事', reason: '不属社区职责' } });
    const t = decideOpinion(STATES.open, ACTOR, COMMANDS.ticket, NOW, DAYS);
    expect(!t.noop && t.set).toEqual({ status: 'ticketed', ticketId: 'T1' });
  });
});

describe('rating and reopening once', () => {
  const unsatisfied: OpinionCommand = { type: 'rate', rating: 'unsatisfied', comment: '灯还是不亮' };

  it('不满意 on a resolved opinion reopens it to accepted once, with a new deadline', () => {
    const c = decideOpinion(STATES.resolved, ACTOR, unsatisfied, NOW, DAYS);
    if (c.noop) throw new Error('expected a change');
    expect(c.to).toBe('accepted');
    expect(c.final).toBe(false);
    expect(c.set.reopened).toBe(1);
    expect(c.set.overdue).toBe(false);
    expect(c.set.dueAt!.getTime()).toBeGreaterThan(NOW.getTime());
    expect(c.events.map((e) => e.type)).toEqual(['rated', 'reopened']);
  });

  it('the reopened opinion, resolved again, may be rated once more — and 不满意 then does not reopen it', () => {
    const reopened = opinion('accepted', { reopened: 1, events: [{ type: 'rated', at: NOW, actorId: 'r-li', actorName: '', note: '' }] });
    expect(outcome(reopened, unsatisfied)).toBe(NR);
    const resolvedAgain = { ...reopened, status: 'resolved' as const };
    expect(canRate(resolvedAgain)).toBe(true);
    const c = decideOpinion(resolvedAgain, ACTOR, unsatisfied, NOW, DAYS);
    expect(!c.noop && { to: c.to, reopened: c.set.reopened, events: c.events.map((e) => e.type) }).toEqual({ to: 'resolved', reopened: undefined, events: ['rated'] });
    const ratedTwice = { ...resolvedAgain, events: [...resolvedAgain.events, { type: 'rated' as const, at: NOW, actorId: 'r-li', actorName: '', note: '' }] };
    expect(canRate(ratedTwice)).toBe(false);
    expect(outcome(ratedTwice, COMMANDS.rateSatisfied)).toBe('CONSULT.OPINION_ALREADY_RATED');
  });

  it('不满意 on an answered opinion is recorded, never reopens it', () => {
    const c = decideOpinion(STATES.answered, ACTOR, unsatisfied, NOW, DAYS);
    expect(!c.noop && { to: c.to, final: c.final, reopened: c.set.reopened }).toEqual({ to: 'answered', final: false, reopened: undefined });
  });

  it('a rated opinion cannot be rated again', () => {
    const rated = opinion('resolved', { events: [{ type: 'rated', at: NOW, actorId: 'r-li', actorName: '', note: '' }] });
    expect(outcome(rated, COMMANDS.rateSatisfied)).toBe('CONSULT.OPINION_ALREADY_RATED');
  });
});

describe('final states and overdue', () => {
  it('open and accepted are the statuses staff act on; resolved, answered and ticketed are final steps', () => {
    expect([...OPEN_STATUSES]).toEqual(['open', 'accepted']);
    expect([...FINAL_STATUSES].sort()).toEqual(['answered', 'resolved', 'ticketed']);
  });

  it('from a final state no staff step applies except through its ticket', () => {
    for (const s of ['resolved', 'answered'] as const) {
      for (const c of ['accept', 'resolve', 'answer', 'ticket'] as const) expect(outcome(STATES[s], COMMANDS[c])).toBe(W);
    }
  });

  it.each([
    ['open, past due', 'open', '2026-12-09T01:59:59Z', true],
    ['accepted, past due', 'accepted', '2026-12-09T01:00:00Z', true],
    ['open, due exactly now', 'open', '2026-12-09T02:00:00Z', false],
    ['resolved, past due', 'resolved', '2026-12-01T00:00:00Z', false],
    ['ticketed, past due', 'ticketed', '2026-12-01T00:00:00Z', false],
    ['answered, past due', 'answered', '2026-12-01T00:00:00Z', false],
  ] as const)('overdue: %s', (_name, status, due, overdue) => {
    expect(isOpinionOverdue({ status, dueAt: new Date(due) }, NOW)).toBe(overdue);
  });
});
