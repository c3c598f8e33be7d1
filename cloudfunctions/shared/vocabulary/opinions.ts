/**
 * The one home of the words for opinions (意见建议, issue 20; docs/consultation-design.md §4): an
 * opinion's status, where it came from, and its rating, as residents and staff read them. Pure
 * TypeScript, imported by the `consult` function (views, ledger) and by the pages.
 *
 * Statuses: open 待受理 → accepted 已受理 → resolved 已解决, or → ticketed 已转工单 (a ticket
 * follows it; its closing resolves the opinion), or → answered 已答复 (a reply with the reason why
 * it cannot be done — not counted as resolved).
 */
import type { OpinionSource, OpinionStatus } from '../model';

/** An opinion's status, as residents and staff read it. */
export const OPINION_STATUS_LABELS: Readonly<Record<OpinionStatus, string>> = {
  open: '待受理',
  accepted: '已受理',
  ticketed: '已转工单',
  resolved: '已解决',
  answered: '已答复',
};

/** Where an opinion was given. */
export const OPINION_SOURCE_LABELS: Readonly<Record<OpinionSource, string>> = {
  meeting: '会议上提出',
  counter: '柜台代提',
  app: '小程序提交',
};

/** A giver's verdict (GLOSSARY: 满意 / 基本满意 / 不满意): the same words as a ticket's rating, from their one list. */
export { RATING_LABELS as OPINION_RATING_LABELS } from './categories';
