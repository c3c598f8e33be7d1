/**
 * What a grid's WeCom group robot is told (pure; issue 18 §1 "Grid workers learn of a new problem").
 *
 * Facts ({@link robotFacts}): a ticket of the grid that is
 * - `new`: still waiting (`pending`), reported at or after the robot was set;
 * - `overdue`: open and marked overdue by the timer (`overdue.ts`), its deadline at or after the robot was set;
 * - `supervised`: open and under supervision (督办), set at or after the robot was set.
 * Each fact has a stable id (`<ticketId>:new`, `<ticketId>:overdue:<dueAt ms>`,
 * `<ticketId>:supervised:<supervision.at ms>`), so it is queued once however often it is seen, and a
 * new deadline or a new supervision is a new fact.
 *
 * Lines ({@link robotLine}) follow the `robot` audience of `audience.ts`: of a community problem the
 * category, the place as given (estate, building, spot) and its dates; of a dispute or 其他 the
 * category and the grid only. Never the reporter's name, phone, words or photos, never a worker's
 * name. The place is the reporter's typed spot: markdown characters are taken out so that a spot
 * cannot add links or formatting to the group's message.
 *
 * A message ({@link robotMarkdown}) is one markdown post: a title with the grid's code, up to
 * {@link ROBOT_ITEMS_PER_MESSAGE} lines, and where to act (the mini-program), within WeCom's 4096
 * bytes (docs/robots.md).
 */
import type { Ticket } from '../../shared/model';
import { local } from '../../shared/time';
import { MARKDOWN_MAX_BYTES } from '../../shared/wecom';
import { facetsFor } from '../../shared/tickets/audience';
import { CATEGORY_LABELS } from '../../shared/vocabulary/categories';
import { placeOf } from './views';

/** The kinds of facts a robot posts. */
export type RobotFactKind = 'new' | 'overdue' | 'supervised';

/** The ticket fields the robot reads (a projection: nothing else is loaded). */
export type RobotTicket = Pick<Ticket, '_id' | 'communityId' | 'gridId' | 'category' | 'where' | 'status' | 'createdAt' | 'dueAt' | 'overdue' | 'supervision'>;

/** One fact to post: its stable id, kind and ticket. */
export interface RobotFact {
  id: string;
  kind: RobotFactKind;
  ticketId: string;
  gridId: string;
}

/** Items in one message. */
export const ROBOT_ITEMS_PER_MESSAGE = 10;

const OPEN = new Set(['pending', 'inProgress']);

/** The facts of `t` a robot set at `since` posts (none for a ticket without a grid or closed). */
export function robotFacts(t: RobotTicket, since: Date): RobotFact[] {
  if (!t.gridId || !OPEN.has(t.status)) return [];
  const out: RobotFact[] = [];
  const base = { ticketId: t._id, gridId: t.gridId };
  if (t.status === 'pending' && t.createdAt.getTime() >= since.getTime()) out.push({ id: `${t._id}:new`, kind: 'new', ...base });
  if (t.overdue && t.dueAt && t.dueAt.getTime() >= since.getTime()) out.push({ id: `${t._id}:overdue:${t.dueAt.getTime()}`, kind: 'overdue', ...base });
  if (t.supervision && t.supervision.at.getTime() >= since.getTime()) out.push({ id: `${t._id}:supervised:${t.supervision.at.getTime()}`, kind: 'supervised', ...base });
  return out;
}

/** `12月11日 14:53`, China time. */
function when(at: Date): string {
  return local(at).format('M月D日 HH:mm');
}

/** A reporter's typed text made inert for WeCom markdown: no links (nor bare `scheme://`), emphasis, quotes, tags or line breaks. */
export function inert(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/:\/\//g, ' ').replace(/[[\]()<>*_`#~|\\]/g, ' ').replace(/ {2,}/g, ' ').trim();
}

const KIND_TITLES: Record<RobotFactKind, string> = { new: '新问题', overdue: '已超时', supervised: '社区督办' };

/** One line about `t` for the robot of grid `gridCode` (see the module comment for what it may say). */
export function robotLine(t: RobotTicket, kind: RobotFactKind, gridCode: string): string {
  const title = KIND_TITLES[kind];
  const category = CATEGORY_LABELS[t.category];
  if (!facetsFor(t, 'robot').has('problem')) return `${title} · ${category} · 网格 ${inert(gridCode)}（邻里之间的事，详情只在小程序里看）`;
  const place = inert(placeOf(t).text);
  const due = t.dueAt ? `，应在 ${when(t.dueAt)} 前${t.status === 'pending' ? '受理' : '办结'}` : '';
  switch (kind) {
    case 'new':
      return `${title} · ${category} · ${place} · ${when(t.createdAt)} 反映${due}`;
    case 'overdue':
      return `${title} · ${category} · ${place} · ${t.dueAt ? `期限 ${when(t.dueAt)} 已过` : '已过期限'}，已转社区疑难`;
    case 'supervised':
      return `${title} · ${category} · ${place} · 督办期限 ${t.supervision ? when(t.supervision.deadline) : ''} 前办结`;
  }
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** One markdown message for the robot of `gridCode` with `lines` (at most {@link ROBOT_ITEMS_PER_MESSAGE}; trimmed to 4096 bytes). */
export function robotMarkdown(gridCode: string, lines: string[]): string {
  const head = `**解忧铺 · 网格 ${inert(gridCode)}** 有 ${lines.length} 件事要看`;
  const foot = '请打开微信小程序「解忧铺」→ 我的工单 查看和受理（谁反映的、说了什么，只在小程序里看）。';
  const kept: string[] = [];
  for (const l of lines.slice(0, ROBOT_ITEMS_PER_MESSAGE)) {
    const next = [head, ...kept, `> ${l}`, foot].join('\n');
    if (bytes(next) > MARKDOWN_MAX_BYTES) break;
    kept.push(`> ${l}`);
  }
  return [head, ...kept, foot].join('\n');
}
