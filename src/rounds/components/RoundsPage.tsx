/**
 * The root of every rounds page: {@link Page} (elder mode, the way back and home) with the
 * subpackage's styles, and the error state of a rounds page (a page for staff says so to anyone else;
 * a household that is gone says so with the way home; anything else can be retried).
 */
import type { PropsWithChildren } from 'react';
import { Page } from '../../ui/Page';
import { ErrorState, NotFoundState } from '../../ui/PageState';
import type { CallError } from '../../services/cloud';
import '../../stall/stall.css';
import '../rounds.css';

export function RoundsPage({ className, children }: PropsWithChildren<{ className?: string }>) {
  return <Page className={`vendor-page rounds-page${className ? ` ${className}` : ''}`}>{children}</Page>;
}

/** An error of a rounds page, in words for the person holding the phone. */
export function RoundsError({ error, onRetry }: { error: CallError; onRetry: () => void }) {
  if (error.code === 'COMMON.FORBIDDEN') return <NotFoundState text="这一页是给网格员和社区管理员用的。" />;
  if (error.code === 'ROUNDS.HOUSEHOLD_NOT_FOUND' || error.code === 'ROUNDS.PATROL_NOT_FOUND') return <NotFoundState text={error.message} />;
  return <ErrorState message={error.message} code={error.code} onRetry={onRetry} />;
}
