/**
 * A community's ticket settings (issue 21, design docs/case-loop-design.md §2): each category's time
 * limit to handle, in working days (`Community.tickets.handleDays`), and its canned replies (常用语,
 * `Community.tickets.cannedReplies`). `settings` (staff) reads them with the caller — no round trip of
 * its own; `setSettings` (admins) writes them with one update of the community document, so nothing
 * is half-written. Tickets keep the limit they were reported with (`Ticket.handleDays`).
 */
import { callerOpenid, db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { DEFAULT_HANDLE_DAYS, handleDaysFor } from '../../shared/deadlines';
import { AppError } from '../../shared/errors';
import type { Community, TicketCategory, TicketSettings } from '../../shared/model';
import type { Handler } from '../../shared/router';
import { checkText } from '../../shared/security';
import { local } from '../../shared/time';
import { CATEGORIES } from '../../shared/vocabulary/categories';
import { calendarCovers } from '../../shared/workdays';
import type { actions, CannedReplies, TicketSettingsView } from '../contract';

/** The canned replies of stored settings: two lists, empty when none (old documents have none). */
function repliesOf(settings: TicketSettings | undefined): CannedReplies {
  const r = settings?.cannedReplies;
  return { feedback: [...(r?.feedback ?? [])], followUp: [...(r?.followUp ?? [])] };
}

/**
 * The view of a community's ticket settings at `now`: every category's effective limit (working
 * days), the default, the canned replies, and whether this year's and next year's holiday
 * arrangements are known (`shared/workdays.ts` `calendarCovers`). Pure.
 */
export function settingsView(settings: TicketSettings | undefined, now: Date): TicketSettingsView {
  const year = local(now).year();
  return {
    handleDays: Object.fromEntries(CATEGORIES.map((c) => [c, handleDaysFor(settings, c)])) as Record<TicketCategory, number>,
    defaultHandleDays: DEFAULT_HANDLE_DAYS,
    cannedReplies: repliesOf(settings),
    calendar: [year, year + 1].map((y) => ({ year: y, covered: calendarCovers(y) })),
  };
}

/** A list of replies without repeats (first kept), as validated (trimmed, 2–100 characters, ≤ 20). */
const distinct = (list: string[]): string[] => [...new Set(list)];

/** The caller's community, which every settings action acts on (an admin or worker without one: `COMMON.FORBIDDEN`). */
function communityOf(user: { community: Community | null }): Community {
  if (!user.community) throw new AppError('COMMON.FORBIDDEN');
  return user.community;
}

export const settings: Handler<typeof actions.settings> = async (_input, { user }) => settingsView(communityOf(user).tickets, clockNow());

export const setSettings: Handler<typeof actions.setSettings> = async ({ handleDays, cannedReplies }, { user }) => {
  const community = communityOf(user);
  const data: Record<string, unknown> = {};
  const next: TicketSettings = { ...community.tickets, handleDays: { ...community.tickets?.handleDays } };
  // a category not sent keeps its limit: each one sent is its own field of the one update
  for (const [category, days] of Object.entries(handleDays ?? {}) as [TicketCategory, number][]) {
    data[`tickets.handleDays.${category}`] = days;
    next.handleDays![category] = days;
  }
  if (cannedReplies) {
    const replies = { feedback: distinct(cannedReplies.feedback), followUp: distinct(cannedReplies.followUp) };
    // what staff will send residents passes the content check before it is kept (one call for all)
    await checkText([...replies.feedback, ...replies.followUp].join('\n'), callerOpenid());
    data['tickets.cannedReplies'] = replies;
    next.cannedReplies = replies;
  }
  if (Object.keys(data).length > 0) await db.collection('communities').doc(community._id).update({ data: toNested(data) });
  return settingsView(next, clockNow());
};

/**
 * The update's fields as nested objects (`{ tickets: { handleDays: { noise: 3 } } }`): wx-server-sdk
 * flattens a nested update into dotted `$set` paths, so the community's other settings and the
 * categories not sent are kept; an array (the replies) is set whole.
 */
function toNested(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const keys = path.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]] = value;
  }
  return out;
}
