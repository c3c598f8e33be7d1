/**
 * A topic's discussion (docs/consultation-design.md §3, §6): `comments` (registered: residents of
 * its scope or its proposer; staff), `comment` (residents in scope or staff, while the topic is in
 * discussion or voting; 20 a day for residents; msgSecCheck scene 评论), `hideComment` (staff).
 * Residents sign as their building (`3号楼居民`), staff as `社区 <name>`: never a resident's name.
 */
import { callerOpenid } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Topic, User } from '../../shared/model';
import { isResident, isStaffOf } from '../../shared/policy';
import { exceededKind, isLimited, preloadQuota, preloadedQuota, quotaDay, takeQuota, tooMany } from '../../shared/quotas';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { checkText, SCENE } from '../../shared/security';
import type { actions } from '../contract';
import { CONSULT_LIMITS as L } from '../limits';
import { addComment, commentView, commentsOf, findComment, hideComment as hide } from '../comments';
import { preloadTopic, topicOf } from '../proposals';
import { residentLabel } from '../seconds';
import { isHomeInScope } from '../../shared/policy';
import { phaseOf } from '../domain/phase';

/**
 * Whether `user` may read `topic`'s discussion: staff of its community; a resident whose home is in
 * its scope, or who proposed it. Others read it as not found. Pure.
 */
export function seesTopic(user: User, topic: Topic): boolean {
  if (isStaffOf(user, topic.communityId)) return true;
  if (user.communityId !== topic.communityId) return false;
  return topic.proposerId === user._id || (!!user.home && isHomeInScope(user.home, topic.scope));
}

/** True while a topic takes comments: scheduled, from `discussFrom` until `voteUntil` (function clock). */
export function inDiscussion(topic: Topic, now: Date): boolean {
  const phase = phaseOf(topic, now);
  return phase === 'discussion' || phase === 'voting';
}

/** What `comments` reads with the caller: the topic. */
export const commentsPreload = (i: Input<typeof actions.comments>) => ({ topic: preloadTopic(i.topicId) });

/** A page of a topic's comments, newest first, as the caller may read them. */
export const comments: Handler<typeof actions.comments, PreloadsOf<typeof commentsPreload>> = async (input, { user, preloaded }) => {
  const topic = await topicOf(input.topicId, user.communityId, preloaded?.topic);
  if (!seesTopic(user, topic)) throw new AppError('CONSULT.TOPIC_NOT_FOUND');
  const list = await commentsOf(topic._id, L.commentsPage, input.before ? { at: new Date(input.before), id: input.beforeId } : undefined);
  const page = list.slice(0, L.commentsPage);
  const last = page[page.length - 1];
  return { comments: page.map((c) => commentView(c, user)), nextCursor: list.length > L.commentsPage && last ? { before: new Date(last.at).getTime(), beforeId: last._id } : null };
};

/** What `comment` reads with the caller: the topic and today's quota. */
export const commentPreload = (i: Input<typeof actions.comment>) => ({ topic: preloadTopic(i.topicId), quota: preloadQuota(quotaDay(clockNow())) });

/** A comment on a topic in discussion or voting. */
export const comment: Handler<typeof actions.comment, PreloadsOf<typeof commentPreload>> = async (input, { user, preloaded }) => {
  const topic = await topicOf(input.topicId, user.communityId, preloaded?.topic);
  const staff = isStaffOf(user, topic.communityId);
  if (!staff) {
    if (!isResident(user)) throw new AppError('COMMON.FORBIDDEN');
    if (!user.home) throw new AppError('CONSULT.NO_HOME');
    if (!isHomeInScope(user.home, topic.scope)) throw new AppError('CONSULT.NOT_IN_SCOPE');
  }
  const now = clockNow();
  if (!inDiscussion(topic, now)) throw new AppError('CONSULT.NOT_DISCUSSING');
  const limited = isLimited(user);
  const known = preloadedQuota(preloaded?.quota, quotaDay(now));
  if (limited && known && exceededKind(known, { comment: 1 })) throw tooMany('comment');
  await checkText(input.text, callerOpenid(), SCENE.COMMENT);
  const c = await addComment(
    { topicId: topic._id, communityId: topic.communityId, author: user, authorLabel: staff ? `社区 ${user.name}` : residentLabel(user.home), text: input.text, requestId: input.requestId, now },
    limited ? () => takeQuota({ by: 'user', id: user._id }, { comment: 1 }, now, known) : async () => ({ release: async () => undefined }),
  );
  return commentView(c, user);
};

/** Staff hide a comment of their community with a reason. */
export const hideComment: Handler<typeof actions.hideComment> = async (input, { user }) => {
  const c = await findComment(input.commentId, user.communityId);
  if (!c) throw new AppError('CONSULT.COMMENT_NOT_FOUND');
  const hidden = { by: user._id, reason: input.reason, at: clockNow() };
  if (!(await hide(c._id, user.communityId, hidden))) throw new AppError('CONSULT.COMMENT_NOT_FOUND');
  return commentView({ ...c, hidden }, user);
};
