/**
 * The timer-trigger cron of WeChat cloud development / CloudBase, translated faithfully for croner.
 *
 * What the platform accepts (docs/jobs.md, sources there): seven fields separated by spaces —
 * second minute hour day month weekday year — each an integer in its range, `*`, a list `a,b`, a
 * range `a-b`, or an increment `x/n` (`*` or a number before the slash: `1/10` in the minute field
 * is minute 1, 11, 21, …); months also `JAN`–`DEC`, weekdays `SUN`–`SAT` (0 = Sunday, 0–6); years
 * 1970–2099. When both day and weekday are given (neither `*`), a time matches either (OR). The
 * schedule is evaluated in UTC+8 (Asia/Shanghai). Nothing else — `?`, `L`, `W`, `#`, `@daily`,
 * five or six fields — is a valid trigger there, so {@link parseTimerCron} refuses it here too.
 *
 * croner 11 (7-part mode) has the year field and the same OR rule (its default, `domAndDow:
 * false`), but refuses a numeric start before a slash (`1/10`) and increments larger than a field's
 * span, which the platform documents or allows: {@link translateField} writes every increment out
 * as the values it means (`1/10` in minutes → `1,11,21,31,41,51`) and names as numbers, so croner
 * only sees numbers, ranges and lists, which it reads exactly as the platform does.
 */
import { Cron } from 'croner';

/** The zone every timer trigger is evaluated in (the platform's "触发器规则的时区为 UTC+8"). */
export const TRIGGER_TIMEZONE = 'Asia/Shanghai';

/** A cron expression or trigger declaration the platform would refuse. */
export class TriggerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TriggerConfigError';
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The seven fields, in order, with the platform's ranges. */
export const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { name: 'weekday', min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
  { name: 'year', min: 1970, max: 2099 },
];

function valueOf(token: string, spec: FieldSpec, expr: string): number {
  const named = spec.names?.[token.toUpperCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(token)) throw new TriggerConfigError(`cron "${expr}": ${spec.name} "${token}" is not a number${spec.names ? ' or a name' : ''} (the platform allows only , - * / and numbers)`);
  const v = Number(token);
  if (v < spec.min || v > spec.max) throw new TriggerConfigError(`cron "${expr}": ${spec.name} ${v} is outside ${spec.min}–${spec.max}`);
  return v;
}

/**
 * One field checked against the platform's rules and written as croner reads it the same way:
 * names → numbers, `a/n` → `a-max/n`. Throws {@link TriggerConfigError}.
 */
export function translateField(part: string, spec: FieldSpec, expr: string): string {
  if (part === '*') return '*';
  return part
    .split(',')
    .map((item) => {
      if (item === '') throw new TriggerConfigError(`cron "${expr}": empty item in the ${spec.name} field`);
      const [base, step, extra] = item.split('/');
      if (extra !== undefined) throw new TriggerConfigError(`cron "${expr}": "${item}" has two slashes`);
      if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) throw new TriggerConfigError(`cron "${expr}": increment "${step}" in the ${spec.name} field must be a whole number ≥ 1`);
      let from: number;
      let to: number;
      if (base === '*') {
        if (step === undefined) return '*';
        [from, to] = [spec.min, spec.max];
      } else if (base.includes('-')) {
        const [a, b, more] = base.split('-');
        if (more !== undefined || a === '' || b === '') throw new TriggerConfigError(`cron "${expr}": "${base}" is not a range`);
        from = valueOf(a, spec, expr);
        to = valueOf(b, spec, expr);
        if (from > to) throw new TriggerConfigError(`cron "${expr}": range "${base}" runs backwards`);
        if (step === undefined) return `${from}-${to}`;
      } else {
        from = valueOf(base, spec, expr);
        if (step === undefined) return String(from);
        to = spec.max;
      }
      // an increment is written out as the values it means, so croner's own step rules never apply
      const values: number[] = [];
      for (let v = from; v <= to; v += Number(step)) values.push(v);
      return values.join(',');
    })
    .join(',');
}

/** The croner pattern (7 parts) for a platform cron expression. Throws {@link TriggerConfigError}. */
export function translateCron(expr: string): string {
  if (typeof expr !== 'string') throw new TriggerConfigError(`cron must be a string, got ${JSON.stringify(expr)}`);
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== FIELDS.length || parts[0] === '') {
    throw new TriggerConfigError(`cron "${expr}" has ${parts[0] === '' ? 0 : parts.length} fields; a timer trigger needs 7: second minute hour day month weekday year`);
  }
  return parts.map((p, i) => translateField(p, FIELDS[i], expr)).join(' ');
}

/**
 * A croner schedule for a platform cron expression, in {@link TRIGGER_TIMEZONE}, never started
 * (only `nextRun`/`nextRuns` are used). Throws {@link TriggerConfigError} for anything the
 * platform refuses, or that croner cannot place (e.g. day 31 of February only).
 */
export function parseTimerCron(expr: string): Cron {
  const pattern = translateCron(expr);
  try {
    return new Cron(pattern, { timezone: TRIGGER_TIMEZONE, mode: '7-part', domAndDow: false, paused: true });
  } catch (e) {
    throw new TriggerConfigError(`cron "${expr}": ${(e as Error).message}`);
  }
}

/** Trigger names: up to 60 characters of a-z A-Z 0-9 - _, starting with a letter. */
export const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
