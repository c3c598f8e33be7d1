/**
 * The root of every 邻里互助 page: {@link Page} (elder mode, the way back and home) with the
 * subpackage's styles (and the form classes of stall.css / ticket.css), and the error state of a
 * posts page (not registered; a post that is gone; anything else can be retried).
 */
import type { PropsWithChildren } from 'react';
import { Page } from '../../ui/Page';
import { ErrorState, NotFoundState, NotRegisteredState, isNotRegistered } from '../../ui/PageState';
import type { CallError } from '../../services/cloud';
import '../../stall/stall.css';
import '../../ticket/ticket.css';
import '../posts.css';

export function PostsPage({ className, children }: PropsWithChildren<{ className?: string }>) {
  return <Page className={`vendor-page posts-page${className ? ` ${className}` : ''}`}>{children}</Page>;
}

/** An error of a posts page, in words for the person holding the phone. */
export function PostsError({ error, onRetry }: { error: CallError; onRetry: () => void }) {
  if (isNotRegistered(error)) return <NotRegisteredState />;
  if (error.code === 'POSTS.NOT_FOUND') return <NotFoundState text={error.message} />;
  return <ErrorState message={error.message} code={error.code} onRetry={onRetry} />;
}
