/**
 * The one home of the words for notices (公告, 政策宣传; issue 22): a notice's kind, status and
 * audience, as residents and staff read them. Pure TypeScript, imported by the `notices` function
 * and the pages.
 */
import type { NoticeKind } from '../model';

/** Every notice kind, in the order the publish form lists them. */
export const NOTICE_KINDS: readonly NoticeKind[] = ['notice', 'policy'];

/** A notice's kind, as everyone reads it. */
export const NOTICE_KIND_LABELS: Readonly<Record<NoticeKind, string>> = {
  notice: '公告',
  policy: '政策宣传',
};

/** A notice's status, as staff read it. */
export const NOTICE_STATUS_LABELS: Readonly<Record<'published' | 'withdrawn' | 'expired', string>> = {
  published: '展示中',
  withdrawn: '已撤下',
  expired: '已过期',
};

/** Who sees a notice (the publish form's choices). */
export const NOTICE_AUDIENCE_LABELS: Readonly<Record<'community' | 'estate' | 'building', string>> = {
  community: '全社区',
  estate: '一个小区',
  building: '一栋楼',
};
