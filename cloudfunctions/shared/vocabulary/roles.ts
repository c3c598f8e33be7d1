/**
 * The one home of the people's role names (issue 19 "One vocabulary"): every page, the console,
 * the ledger and the role log read a role's Chinese name from here. Pure TypeScript (no SDK, no
 * Taro): the functions import it and the pages too (config/index.ts `SHARED_WITH_FUNCTIONS`).
 *
 * The names are GLOSSARY.md's ("Places and people"): 居民 resident, 网格员 gridWorker,
 * 社区管理员 communityAdmin (the glossary's first term; 社区工作人员 is not used, so one role is
 * never called two things), 摊主 vendor. Two actors that are not roles: 系统 for the timer (a
 * scheduled job's step) and 访客 for a caller with no record yet (policy.ts "anyone … 访客").
 * test/domain/vocabulary.test.ts fails when a second list of these names appears.
 */
import type { Role } from '../model';

/** Chinese name of each role, as every page and export shows it. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  resident: '居民',
  gridWorker: '网格员',
  communityAdmin: '社区管理员',
  vendor: '摊主',
};

/** Who did a ticket step that no person did (a scheduled job: auto-close, reminders). */
export const TIMER_LABEL = '系统';

/** A caller the kiosk has no record of yet (not registered). */
export const VISITOR_LABEL = '访客';

/**
 * The Chinese name of a role or actor: a {@link Role}, `timer` (系统) or `visitor` (访客); any other
 * string is answered as it is (an unknown value is shown, never hidden).
 */
export function roleLabel(role: string): string {
  if (role === 'timer') return TIMER_LABEL;
  if (role === 'visitor') return VISITOR_LABEL;
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}
