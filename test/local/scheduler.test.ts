/**
 * The local timer-trigger cron (local/runtime/cron.ts, scheduler.ts) against the platform's rules
 * (docs/jobs.md): 7 fields in UTC+8, `, - * /`, day OR weekday when both are given, names, ranges,
 * and everything else refused. A fast-check property compares croner (through our translation) with
 * a direct reading of the documented rules: every firing croner finds matches the rules, and every
 * instant the rules match is the firing croner finds right after the second before it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { FIELDS, parseTimerCron, translateCron, TriggerConfigError } from '../../local/runtime/cron';
import { firingsBetween, loadTriggers, Scheduler, triggersOf, type FiringResult } from '../../local/runtime/scheduler';
import { clockNow, setClock } from '../../local/clock';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The documented meaning of one field: the set of values it allows (independent of cron.ts). */
function allowed(part: string, i: number): Set<number> {
  const { min, max } = FIELDS[i];
  const num = (s: string) => (i === 4 && MONTHS.includes(s.toUpperCase()) ? MONTHS.indexOf(s.toUpperCase()) + 1 : i === 5 && DAYS.includes(s.toUpperCase()) ? DAYS.indexOf(s.toUpperCase()) : Number(s));
  const out = new Set<number>();
  for (const item of part.split(',')) {
    const [base, stepText] = item.split('/');
    const step = stepText ? Number(stepText) : 1;
    let lo: number;
    let hi: number;
    if (base === '*') [lo, hi] = [min, max];
    else if (base.includes('-')) [lo, hi] = base.split('-').map(num) as [number, number];
    else [lo, hi] = [num(base), stepText ? max : num(base)];
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Whether instant `at` (whole second) matches `expr` read as the platform documents it, in UTC+8. */
function matches(expr: string, at: Date): boolean {
  const parts = expr.split(' ');
  const l = new Date(at.getTime() + 8 * 3600_000); // UTC+8 has no daylight saving
  const f = [l.getUTCSeconds(), l.getUTCMinutes(), l.getUTCHours(), l.getUTCDate(), l.getUTCMonth() + 1, l.getUTCDay(), l.getUTCFullYear()];
  const ok = (i: number) => allowed(parts[i], i).has(f[i]);
  if (![0, 1, 2, 4, 6].every(ok)) return false;
  const domStar = parts[3] === '*';
  const dowStar = parts[5] === '*';
  if (domStar && dowStar) return true;
  if (domStar) return ok(5);
  if (dowStar) return ok(3);
  return ok(3) || ok(5);
}

const value = (i: number) => {
  const { min, max } = FIELDS[i];
  const n = fc.integer({ min, max });
  const named = i === 4 ? fc.integer({ min: 1, max: 12 }).map((m) => MONTHS[m - 1]) : i === 5 ? fc.integer({ min: 0, max: 6 }).map((d) => DAYS[d]) : n.map(String);
  return fc.oneof(n.map(String), named);
};
const item = (i: number) => {
  const { min, max } = FIELDS[i];
  return fc.oneof(
    value(i),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.integer({ min: 1, max: Math.max(1, Math.floor((max - min) / 2)) }).map((s) => `*/${s}`),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: 20 })).map(([a, s]) => `${a}/${s}`),
  );
};
const field = (i: number) =>
  i === 6
    ? fc.oneof(fc.constant('*'), fc.constant('*'), fc.integer({ min: 2026, max: 2028 }).map(String), fc.constant('2026-2027'))
    : fc.oneof({ weight: 2, arbitrary: fc.constant('*') }, { weight: 3, arbitrary: fc.array(item(i), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(',')) });
const expression = fc.tuple(...FIELDS.map((_, i) => field(i))).map((xs) => xs.join(' '));
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(Math.floor(ms / 1000) * 1000));

describe('the platform cron, read by croner through the translation', () => {
  it('every firing croner finds is one the documented rules allow, and it finds each one they allow', () => {
    fc.assert(
      fc.property(expression, instant, (expr, at) => {
        const cron = parseTimerCron(expr);
        const next = cron.nextRun(at);
        if (next) {
          expect({ expr, next: next.toISOString(), matches: matches(expr, next) }).toEqual({ expr, next: next.toISOString(), matches: true });
          expect(next.getTime()).toBeGreaterThan(at.getTime());
        }
        if (matches(expr, at)) expect({ expr, at: cron.nextRun(new Date(at.getTime() - 1000))?.toISOString() }).toEqual({ expr, at: at.toISOString() });
      }),
      { numRuns: 400 },
    );
  });

  it('runs in UTC+8: "0 0 10 * * * *" is 10:00 in Shanghai, 02:00 UTC', () => {
    expect(parseTimerCron('0 0 10 * * * *').nextRun(new Date('2026-11-26T00:00:00Z'))?.toISOString()).toBe('2026-11-26T02:00:00.000Z');
  });

  it('day and weekday both given: either matches (the 1st of the month, or a Monday)', () => {
    const runs = parseTimerCron('0 0 2 1 * MON *').nextRuns(4, new Date('2026-11-22T00:00:00Z')).map((d) => d.toISOString().slice(0, 10));
    // local 02:00 = 18:00 UTC the day before: Mon 23 Nov, Mon 30 Nov, Tue 1 Dec, Mon 7 Dec
    expect(runs).toEqual(['2026-11-22', '2026-11-29', '2026-11-30', '2026-12-06']);
  });

  it('"1/10" in the minute field starts at minute 1, as documented', () => {
    expect(translateCron('0 1/10 * * * * *')).toBe('0 1,11,21,31,41,51 * * * * *');
    const runs = parseTimerCron('0 1/10 * * * * *').nextRuns(3, new Date('2026-11-22T00:00:00Z')).map((d) => d.getUTCMinutes());
    expect(runs).toEqual([1, 11, 21]);
  });

  it('a year field limits the years', () => {
    expect(parseTimerCron('0 0 0 1 1 * 2028').nextRun(new Date('2026-11-22T00:00:00Z'))?.toISOString()).toBe('2027-12-31T16:00:00.000Z');
    expect(parseTimerCron('0 0 0 1 1 * 2026').nextRun(new Date('2026-11-22T00:00:00Z'))).toBeNull();
  });

  it.each([
    ['0 */10 * * * *', /7/],
    ['0 0 10 * * * * *', /7/],
    ['', /7/],
    ['0 0 10 ? * * *', /not a number/],
    ['0 0 10 L * * *', /not a number/],
    ['0 0 10 * * 5#2 *', /not a number/],
    ['0 0 10 * * 7 *', /outside 0–6/],
    ['60 0 10 * * * *', /outside 0–59/],
    ['0 0 24 * * * *', /outside 0–23/],
    ['0 0 10 0 * * *', /outside 1–31/],
    ['0 0 10 * 13 * *', /outside 1–12/],
    ['0 0 10 * * * 2100', /outside 1970–2099/],
    ['0 0 10 * * * 1969', /outside 1970–2099/],
    ['0 5-1 * * * * *', /backwards/],
    ['0 */0 * * * * *', /increment/],
    ['0 0 10 * * +MON *', /not a number/],
    ['@daily', /7/],
  ])('refuses %j', (expr, reason) => {
    expect(() => parseTimerCron(expr)).toThrow(TriggerConfigError);
    expect(() => parseTimerCron(expr)).toThrow(reason);
  });
});

describe('trigger declarations', () => {
  it('refuses what the platform refuses: two triggers, another type, a bad name, a bad cron', () => {
    const t = { name: 'jobs', type: 'timer', config: '0 0 10 * * * *' };
    expect(triggersOf('f', { triggers: [t] })).toHaveLength(1);
    expect(() => triggersOf('f', { triggers: [t, { ...t, name: 'other' }] })).toThrow(/one trigger per function/);
    expect(() => triggersOf('f', { triggers: [{ ...t, type: 'cos' }] })).toThrow(/only "timer"/);
    expect(() => triggersOf('f', { triggers: [{ ...t, name: '1jobs' }] })).toThrow(/starting with a letter/);
    expect(() => triggersOf('f', { triggers: [{ ...t, name: 'a'.repeat(61) }] })).toThrow(/1–60/);
    expect(() => triggersOf('f', { triggers: [{ ...t, config: '0 0 10 * * *' }] })).toThrow(/f\/config.json: trigger jobs: cron "0 0 10 \* \* \*" has 6 fields/);
  });

  it('loads every function’s config.json, and a bad one names its file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-triggers-'));
    try {
      const fn = (name: string, config: object) => {
        fs.mkdirSync(path.join(dir, name));
        fs.writeFileSync(path.join(dir, name, 'index.js'), '');
        fs.writeFileSync(path.join(dir, name, 'config.json'), JSON.stringify(config));
      };
      fn('b', { triggers: [{ name: 'bJobs', type: 'timer', config: '0 0 10 * * * *' }] });
      fn('a', { timeout: 3 });
      expect(loadTriggers(dir).map((t) => `${t.fn}.${t.name}`)).toEqual(['b.bJobs']);
      fn('c', { triggers: [{ name: 'cJobs', type: 'timer', config: '0 0 25 * * * *' }] });
      expect(() => loadTriggers(dir)).toThrow(/c\/config.json: trigger cJobs: cron "0 0 25 \* \* \* \*": hour 25 is outside 0–23/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the repository’s own config.json triggers are all valid', () => {
    const root = path.join(__dirname, '../../cloudfunctions');
    for (const fn of fs.readdirSync(root).filter((n) => fs.existsSync(path.join(root, n, 'config.json')))) {
      expect(() => triggersOf(fn, JSON.parse(fs.readFileSync(path.join(root, fn, 'config.json'), 'utf8')))).not.toThrow();
    }
  });
});

describe('firingsBetween', () => {
  it('lists (from, until] in time order, ties by function name', () => {
    const triggers = [...triggersOf('z', { triggers: [{ name: 'z', type: 'timer', config: '0 0 * * * * *' }] }), ...triggersOf('a', { triggers: [{ name: 'a', type: 'timer', config: '0 */30 * * * * *' }] })];
    const from = Date.parse('2026-11-26T01:00:00Z'); // 09:00 local, itself excluded
    const got = firingsBetween(triggers, from, from + 3600_000).map((f) => `${f.at.toISOString().slice(11, 16)} ${f.fn}`);
    expect(got).toEqual(['01:30 a', '02:00 a', '02:00 z']);
  });
});

describe('the live mode (npm start)', () => {
  afterEach(() => setClock(null));

  it('fires a trigger when the running clock crosses its time, and after a jump each trigger once, for its latest time', async () => {
    const triggers = triggersOf('f', { triggers: [{ name: 'jobs', type: 'timer', config: '0 */10 * * * * *' }] });
    const calls: string[] = [];
    const fired: FiringResult[] = [];
    const scheduler = new Scheduler(triggers, async (fn, name, at) => {
      calls.push(`${fn}.${name} ${at.toISOString()}`);
      return { ok: true };
    });
    const boundary = new Date('2026-12-03T02:00:00Z'); // 10:00 local
    setClock(new Date(boundary.getTime() - 300));
    scheduler.startLive((r) => fired.push(r), 50);
    try {
      const until = async (cond: () => boolean) => {
        for (let i = 0; i < 100 && !cond(); i += 1) await new Promise((r) => setTimeout(r, 50));
      };
      await until(() => fired.length >= 1);
      expect(calls).toEqual(['f.jobs 2026-12-03T02:00:00.000Z']);
      expect(fired[0]).toMatchObject({ fn: 'f', name: 'jobs', result: { ok: true } });
      // the computer slept an hour: six times were missed; the trigger fires once, for 11:00
      setClock(new Date(clockNow() + 3600_000));
      await until(() => fired.length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(calls).toEqual(['f.jobs 2026-12-03T02:00:00.000Z', 'f.jobs 2026-12-03T03:00:00.000Z']);
    } finally {
      scheduler.stop();
    }
  });
});
