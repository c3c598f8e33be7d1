/**
 * The names a person reads for a ticket's category, source and status (pure; issue 9, GLOSSARY).
 * Categories fall in two groups: neighbour disputes (邻里纠纷) and community problems (社区问题).
 */
import type { Ticket, TicketCategory, TicketSource, TicketStatus } from '../model';

/** Chinese names of the categories, for the forms and lists. */
export const CATEGORY_LABELS: Record<TicketCategory, string> = {
  noise: '噪音扰民',
  animals: '饲养动物扰民',
  encroachment: '占用公共空间',
  illegalStructure: '违章搭建',
  sanitation: '环境卫生',
  greenery: '绿化',
  facilities: '公共设施损坏',
  roads: '道路破损',
  safety: '安全隐患',
  other: '其他',
};

/** The categories in form order, by group (the report form's two headings). */
export const CATEGORY_GROUPS: { group: 'neighbourDispute' | 'communityProblem' | 'other'; label: string; categories: TicketCategory[] }[] = [
  { group: 'neighbourDispute', label: '邻里纠纷', categories: ['noise', 'animals', 'encroachment', 'illegalStructure'] },
  { group: 'communityProblem', label: '社区问题', categories: ['sanitation', 'greenery', 'facilities', 'roads', 'safety'] },
  { group: 'other', label: '其他', categories: ['other'] },
];

/** Every category, in form order. */
export const CATEGORIES: TicketCategory[] = CATEGORY_GROUPS.flatMap((g) => g.categories);

/** True for a dispute between neighbours (never on the public board; the reporter's anonymity matters most). */
export function isNeighbourDispute(category: TicketCategory): boolean {
  return CATEGORY_GROUPS[0].categories.includes(category);
}

/**
 * True for a community problem (社区问题: 环境卫生, 绿化, 公共设施损坏, 道路破损, 安全隐患): the only
 * kind other residents may see — offered as similar, joined ("me too"), on the board (`audience.ts`).
 */
export function isCommunityProblem(category: TicketCategory): boolean {
  return CATEGORY_GROUPS[1].categories.includes(category);
}

/** Chinese names of the sources (GLOSSARY: 群众提, 自己找, 组织议, 上级点, 互相帮; hotline, inspection). */
export const SOURCE_LABELS: Record<TicketSource, string> = {
  residentReport: '群众提',
  selfFound: '自己找',
  organisationDiscussion: '组织议',
  superiorAssigned: '上级点',
  mutualHelp: '互相帮',
  hotline: '热线',
  inspection: '巡查',
};

/**
 * What each source means, in the words a resident would use (issue 17: "来源：群众提" told staff
 * little and a resident nothing): staff pages show the standard term with this after it.
 */
export const SOURCE_EXPLANATIONS: Record<TicketSource, string> = {
  residentReport: '居民自己反映的',
  selfFound: '网格员、工作人员自己发现的',
  organisationDiscussion: '社区开会商量出来的',
  superiorAssigned: '上级交办的',
  mutualHelp: '邻居互相帮忙时提出的',
  hotline: '热线电话转来的',
  inspection: '巡查时发现的',
};

/** Status names as residents read them. A pending hard case says the community is arranging it. */
export function statusLabel(status: TicketStatus, hardCase: boolean): string {
  switch (status) {
    case 'pending':
      return hardCase ? '等待社区安排' : '等待网格员受理';
    case 'inProgress':
      return '正在处理';
    case 'handled':
      return '已处理，等待回访';
    case 'closed':
      return '已办结';
    case 'merged':
      return '已合并到另一条';
  }
}

/**
 * A ticket's status in words with the states of issue 21 that are fields, not statuses: 暂停办理 while
 * suspended (挂起), 已处理，等待核查 for a handled community problem not yet checked on site (核查 comes
 * before the closing; a dispute closes on the reporter's 回访). Otherwise {@link statusLabel}.
 */
export function ticketStatusLabel(t: Pick<Ticket, 'status' | 'hardCase' | 'gridId' | 'category' | 'suspension' | 'verification'>): string {
  if (t.status === 'inProgress' && t.suspension) return '暂停办理';
  if (t.status === 'handled' && isCommunityProblem(t.category) && !t.verification?.passed) return '已处理，等待核查';
  return statusLabel(t.status, t.hardCase && !t.gridId);
}

/** Names of the departments a ticket is coordinated with (GLOSSARY). */
export const DEPARTMENT_LABELS = {
  propertyManager: '物业',
  lawEnforcement: '综合行政执法队',
  parks: '园林',
  other: '其他部门',
} as const;

/** Names of the ratings (GLOSSARY: 满意 / 基本满意 / 不满意). */
export const RATING_LABELS = {
  satisfied: '满意',
  fairlySatisfied: '基本满意',
  unsatisfied: '不满意',
} as const;

/** Names of follow-up methods. */
export const FOLLOW_UP_LABELS = {
  visit: '上门回访',
  phone: '电话回访',
  wechat: '微信回访',
} as const;
