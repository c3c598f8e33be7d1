/**
 * The local timer-trigger scheduler: what the platform does with each function's `config.json`
 * `triggers` (docs/jobs.md), on the local cloud's controllable clock (local/clock.ts).
 *
 * - {@link loadTriggers} reads every function's `config.json` and validates its triggers as the
 *   platform would (at most one per function, `type: "timer"`, name rule, 7-field cron in UTC+8):
 *   a bad one stops the local cloud at start with a {@link TriggerConfigError} naming the file.
 * - {@link firingsBetween} lists the firings in a window, in time order (ties: by function name):
 *   the one source of "when" for both modes below.
 * - {@link Scheduler.runUntil} (tests, bench): fires, one after another, every firing in
 *   (now, until], with the clock set to each firing's instant first, then leaves the clock at
 *   `until`. Deterministic: nothing else moves the clock or fires meanwhile.
 * - {@link Scheduler.startLive} (`npm start`): once a second, fires what the clock crossed since
 *   the last look; a firing still running makes the next look wait (no overlap, no pile-up); after
 *   a gap (the computer slept, or the clock was set forward) each trigger fires once, for its
 *   latest missed time, as the platform does not catch up on missed runs either.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cron } from 'croner';
import { parseTimerCron, TRIGGER_NAME, TriggerConfigError } from './cron';
import { clockNow, setClock } from '../clock';

export { TriggerConfigError } from './cron';

/** One timer trigger of one function. */
export interface TimerTrigger {
  /** function name */
  fn: string;
  /** trigger name (the event's `TriggerName`) */
  name: string;
  /** the cron expression as written in config.json */
  config: string;
  cron: Cron;
}

/** One firing: trigger `name` of function `fn` at instant `at`. */
export interface Firing {
  fn: string;
  name: string;
  at: Date;
}

/** A firing and what the function answered (or the runtime error's message). */
export interface FiringResult extends Firing {
  result?: unknown;
  error?: string;
}

interface RawTrigger {
  name?: unknown;
  type?: unknown;
  config?: unknown;
}

/**
 * The triggers declared in `config` (a function's parsed config.json), validated.
 * Throws {@link TriggerConfigError} with `fn` and the reason.
 */
export function triggersOf(fn: string, config: { triggers?: unknown }): TimerTrigger[] {
  if (config.triggers === undefined) return [];
  if (!Array.isArray(config.triggers)) throw new TriggerConfigError(`${fn}/config.json: "triggers" must be an array`);
  if (config.triggers.length > 1) throw new TriggerConfigError(`${fn}/config.json: ${config.triggers.length} triggers; the platform takes one trigger per function`);
  return (config.triggers as RawTrigger[]).map((t) => {
    if (typeof t?.name !== 'string' || !TRIGGER_NAME.test(t.name)) throw new TriggerConfigError(`${fn}/config.json: trigger name ${JSON.stringify(t?.name)} must be 1–60 of a-z A-Z 0-9 - _, starting with a letter`);
    if (t.type !== 'timer') throw new TriggerConfigError(`${fn}/config.json: trigger ${t.name} has type ${JSON.stringify(t.type)}; only "timer" exists`);
    try {
      return { fn, name: t.name, config: String(t.config), cron: parseTimerCron(t.config as string) };
    } catch (e) {
      throw new TriggerConfigError(`${fn}/config.json: trigger ${t.name}: ${(e as Error).message}`);
    }
  });
}

/**
 * Every timer trigger of the functions in `functionsDir` (`<name>/index.js` + `<name>/config.json`),
 * sorted by function name. Throws {@link TriggerConfigError} for the first bad declaration.
 */
export function loadTriggers(functionsDir: string): TimerTrigger[] {
  const out: TimerTrigger[] = [];
  for (const fn of fs.readdirSync(functionsDir).sort()) {
    const file = path.join(functionsDir, fn, 'config.json');
    if (!fs.existsSync(path.join(functionsDir, fn, 'index.js')) || !fs.existsSync(file)) continue;
    let config: { triggers?: unknown };
    try {
      config = JSON.parse(fs.readFileSync(file, 'utf8')) as { triggers?: unknown };
    } catch (e) {
      throw new TriggerConfigError(`${fn}/config.json is not JSON: ${(e as Error).message}`);
    }
    out.push(...triggersOf(fn, config));
  }
  return out;
}

/** The firings of `triggers` with `fromMs < at ≤ untilMs`, in time order (ties by function, then trigger name). */
export function firingsBetween(triggers: TimerTrigger[], fromMs: number, untilMs: number): Firing[] {
  const out: Firing[] = [];
  for (const t of triggers) {
    // croner counts whole seconds: the first run strictly after `fromMs`
    let next = t.cron.nextRun(new Date(fromMs));
    while (next && next.getTime() <= untilMs) {
      if (next.getTime() > fromMs) out.push({ fn: t.fn, name: t.name, at: next });
      next = t.cron.nextRun(next);
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.fn.localeCompare(b.fn) || a.name.localeCompare(b.name));
}

/** How a firing reaches the function: the platform's timer event at instant `at`. */
export type FireFn = (fn: string, trigger: string, at: Date) => Promise<unknown>;

/** Runs the triggers on the local clock (see the module notes). */
export class Scheduler {
  private live: NodeJS.Timeout | null = null;
  private lastLook = 0;
  private busy = false;

  constructor(
    readonly triggers: TimerTrigger[],
    private readonly fire: FireFn,
  ) {}

  /**
   * Fires, in order, every firing in (now, `until`] of the triggers (only those of functions in
   * `only`, when given), each with the clock set to its instant; then sets the clock to `until`.
   * Resolves with each firing and its answer. `until` before now fires nothing and leaves the
   * clock alone.
   */
  async runUntil(until: Date, only?: string[]): Promise<FiringResult[]> {
    const from = clockNow();
    if (until.getTime() <= from) return [];
    const chosen = only ? this.triggers.filter((t) => only.includes(t.fn) || only.includes(`${t.fn}.${t.name}`)) : this.triggers;
    const results: FiringResult[] = [];
    for (const f of firingsBetween(chosen, from, until.getTime())) {
      setClock(f.at);
      results.push(await this.fireOne(f));
    }
    setClock(until);
    this.lastLook = until.getTime();
    return results;
  }

  private async fireOne(f: Firing): Promise<FiringResult> {
    try {
      return { ...f, result: await this.fire(f.fn, f.name, f.at) };
    } catch (e) {
      return { ...f, error: (e as Error).message };
    }
  }

  /** Starts firing on the clock as it runs (`npm start`); `onFired` sees each result (logging). */
  startLive(onFired: (r: FiringResult) => void = () => undefined, tickMs = 1000): void {
    if (this.live) return;
    this.lastLook = clockNow();
    this.live = setInterval(() => {
      if (this.busy) return;
      const now = clockNow();
      if (now < this.lastLook) {
        this.lastLook = now; // the clock was set back: start again from here
        return;
      }
      const due = firingsBetween(this.triggers, this.lastLook, now);
      this.lastLook = now;
      if (!due.length) return;
      // after a gap, each trigger once, for its latest time
      const latest = new Map<string, Firing>();
      for (const f of due) latest.set(`${f.fn}.${f.name}`, f);
      this.busy = true;
      void (async () => {
        try {
          for (const f of [...latest.values()].sort((a, b) => a.at.getTime() - b.at.getTime())) onFired(await this.fireOne(f));
        } finally {
          this.busy = false;
        }
      })();
    }, tickMs);
    this.live.unref();
  }

  /** Stops the live mode. */
  stop(): void {
    if (this.live) clearInterval(this.live);
    this.live = null;
  }
}
