/**
 * The root of every events page: {@link Page} (elder mode, the way back and home) with the
 * subpackage's styles, and the error state of an events page (a staff page says so to a resident;
 * an event that is not there says so; anything else can be retried).
 */
import type { PropsWithChildren } from 'react';
import { Page } from '../../ui/Page';
import { ErrorState, NotFoundState, NotRegisteredState, isNotRegistered } from '../../ui/PageState';
import type { CallError } from '../../services/cloud';
import '../../stall/stall.css';
import '../events.css';

/** An events page: the shared `Page` with the events styles; `proxy`: a page where a family member may act for an elder (家人代办, `FAMILY_PROXY_PAGES`). */
export function EventsPage({ className, children, proxy = false }: PropsWithChildren<{ className?: string; proxy?: boolean }>) {
  return <Page proxy={proxy} className={`vendor-page events-page${className ? ` ${className}` : ''}`}>{children}</Page>;
}

/** An error of an events page, in words for the person holding the phone. */
export function EventsError({ error, onRetry }: { error: CallError; onRetry: () => void }) {
  if (isNotRegistered(error)) return <NotRegisteredState />;
  if (error.code === 'COMMON.FORBIDDEN') return <NotFoundState text="这一页是给网格员和社区管理员用的。" />;
  if (error.code === 'EVENT.NOT_FOUND') return <NotFoundState text={error.message} />;
  return <ErrorState message={error.message} code={error.code} onRetry={onRetry} />;
}
