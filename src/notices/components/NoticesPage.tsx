/**
 * The root of every notices page: {@link Page} (elder mode, the way back and home) with the
 * subpackage's styles, and the error state of a notices page (a staff page says so to a resident; a
 * notice that is gone says so with the way home; anything else can be retried).
 */
import type { PropsWithChildren } from 'react';
import { Page } from '../../ui/Page';
import { ErrorState, NotFoundState, NotRegisteredState, isNotRegistered } from '../../ui/PageState';
import type { CallError } from '../../services/cloud';
import '../../stall/stall.css';
import '../notices.css';

export function NoticesPage({ className, children }: PropsWithChildren<{ className?: string }>) {
  return <Page className={`vendor-page notices-page${className ? ` ${className}` : ''}`}>{children}</Page>;
}

/** An error of a notices page, in words for the person holding the phone. */
export function NoticesError({ error, onRetry }: { error: CallError; onRetry: () => void }) {
  if (isNotRegistered(error)) return <NotRegisteredState />;
  if (error.code === 'COMMON.FORBIDDEN') return <NotFoundState text="这一页是给网格员和社区管理员用的。" />;
  if (error.code === 'NOTICES.NOT_FOUND') return <NotFoundState text={error.message} />;
  return <ErrorState message={error.message} code={error.code} onRetry={onRetry} />;
}
