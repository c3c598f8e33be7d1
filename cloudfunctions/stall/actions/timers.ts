/**
 * The function's timers (platform trigger only). The platform runs one trigger per function
 * (docs/jobs.md): config.json's `vendorJobs` (every 10 minutes) draws the lottery days whose draw
 * time has come (`drawStalls`, `../lottery.ts` `drawDueDays`), then marks stalls of past days nobody
 * checked in at as absences (`markAbsences`; a day is marked once, the first run after midnight).
 * Each is also a timer of its own name.
 */
import { now as clockNow } from '../../shared/clock';
import type { TimerDef } from '../../shared/router';
import { local } from '../../shared/time';
import { drawDueDays } from '../lottery';
import { allocatedUntil, markAbsent } from '../stalls';
import { countAbsence } from '../vendors';

/** After a market day, every stall still allocated (nobody checked in) is an absence; a regular with 3 loses regular status. Idempotent. */
export async function markAbsences(): Promise<{ absences: number }> {
  const yesterday = local(clockNow()).subtract(1, 'day').format('YYYY-MM-DD');
  let absences = 0;
  for (const app of await allocatedUntil(yesterday)) {
    if (!(await markAbsent(app))) continue;
    absences += 1;
    await countAbsence(app.vendorId);
  }
  return { absences };
}

/** The timers by trigger name. */
export const timers: Record<string, TimerDef> = {
  vendorJobs: { rule: 'the platform timer only', run: async () => ({ ...((await drawDueDays()) as object), ...(await markAbsences()) }) },
  drawStalls: { rule: 'the platform timer only', run: drawDueDays },
  markAbsences: { rule: 'the platform timer only', run: markAbsences },
};
