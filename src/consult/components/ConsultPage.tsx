/**
 * The root of every 社区议事 page: {@link Page} (elder mode, the way back and home on top) with the
 * consult styles, and the states a consult page shows when it has no content: a topic, meeting or
 * opinion that is gone (or that this person may not see: the same answer) says so with the way home;
 * anything else can be retried.
 */
import type { PropsWithChildren } from 'react';
import { Page } from '../../ui/Page';
import { ErrorState, NotFoundState } from '../../ui/PageState';
import type { CallError } from '../../services/cloud';
import '../../ticket/ticket.css';
import '../consult.css';

export function ConsultPage({ className, children }: PropsWithChildren<{ className?: string }>) {
  return <Page className={`consult-page${className ? ` ${className}` : ''}`}>{children}</Page>;
}

/** Error codes meaning the record is not there for this person. */
const GONE: Record<string, string> = {
  'CONSULT.TOPIC_NOT_FOUND': '没有找到这个议题。它可能已经不在了，或者不是您所在小区的议题。',
  'CONSULT.MEETING_NOT_FOUND': '没有找到这次会议。它可能已经取消了，或者不是您所在社区的会议。',
  'CONSULT.OPINION_NOT_FOUND': '没有找到这条意见。它可能已经不在了，或者您不能查看。',
};

/** An error of a consult page: gone → the way home; anything else → its message and 重新加载. */
export function ConsultErrorState({ error, onRetry }: { error: CallError; onRetry: () => void }) {
  const gone = error.code ? GONE[error.code] : undefined;
  if (gone) return <NotFoundState text={gone} />;
  return <ErrorState message={error.message} code={error.code} onRetry={onRetry} />;
}
