/**
 * The one home of the words for the grid workers' own rounds (入户走访, 巡查, 关爱对象; issue 21,
 * docs/case-loop-design.md §4): the care tags, a visit's topics and whom it met, a patrol's status,
 * as staff read them. Pure TypeScript, imported by the `rounds` function, the console and the pages.
 *
 * Care tags (关爱对象) are staff-only words: they are shown to the grid's workers and the community's
 * admins, never to a resident, never in an export (the 走访台账 has no care tags).
 */
import type { CareTag, PatrolStatus, VisitMet, VisitTopic } from '../model';

/** Every care tag, in the order the pages list them. */
export const CARE_TAGS: readonly CareTag[] = ['livingAlone', 'emptyNest', 'disabled', 'hardship'];

/** A care tag (关爱对象), as staff read it. */
export const CARE_TAG_LABELS: Readonly<Record<CareTag, string>> = {
  livingAlone: '独居老人',
  emptyNest: '空巢老人',
  disabled: '残疾人',
  hardship: '困难家庭',
};

/** Every visit topic, in the order the visit form lists them. */
export const VISIT_TOPICS: readonly VisitTopic[] = ['policy', 'needs', 'problem', 'care', 'safety'];

/** What a visit was about (走访内容), as the visit form and the 民情日志 show it. */
export const VISIT_TOPIC_LABELS: Readonly<Record<VisitTopic, string>> = {
  policy: '政策宣传',
  needs: '了解需求',
  problem: '发现问题',
  care: '关爱探访',
  safety: '安全提醒',
};

/** Whom the worker met at the door. */
export const VISIT_MET_LABELS: Readonly<Record<VisitMet, string>> = {
  self: '见到本人',
  family: '见到家属',
  nobodyHome: '家中无人',
};

/** A patrol's status. */
export const PATROL_STATUS_LABELS: Readonly<Record<PatrolStatus, string>> = {
  open: '巡查中',
  ended: '已结束',
};

/** The household-level word for "due for a visit" and "never visited", shown in the register. */
export const ROUNDS_WORDS = {
  due: '该走访了',
  neverVisited: '还没有走访记录',
  notDue: '按计划',
} as const;
