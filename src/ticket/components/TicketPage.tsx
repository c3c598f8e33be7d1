/**
 * The root of every ticket page: {@link Page} (elder mode, and the way back and home on top), and
 * the states a ticket page shows when it has no content.
 */
import type { PropsWithChildren } from 'react';
import { Page } from '../../ui/Page';
import { ErrorState, NotFoundState } from '../../ui/PageState';
import type { CallError } from '../../services/cloud';
import '../ticket.css';

/** `proxy`: a page where a family member may act for an elder (家人代办: report, mine, detail). */
export function TicketPage({ className, children, proxy = false }: PropsWithChildren<{ className?: string; proxy?: boolean }>) {
  return (
    <Page className={`ticket-page${className ? ` ${className}` : ''}`} proxy={proxy}>
      {children}
    </Page>
  );
}

/** A ticket that does not exist, or that this person may not see (the same answer for both): say so, and the way home. */
export function TicketNotFound({ text = '没有找到这个问题。它可能已经不在了，或者您不能查看。' }: { text?: string }) {
  return <NotFoundState text={text} />;
}

/** An error of a ticket page: not found, or a page for others (staff, admins), says so with the way home; anything else can be retried. */
export function TicketErrorState({ error, onRetry }: { error: CallError; onRetry: () => void }) {
  if (error.code === 'TICKET.NOT_FOUND') return <TicketNotFound />;
  if (error.code === 'COMMON.FORBIDDEN') return <TicketNotFound text="这一页是给网格员和社区管理员用的。" />;
  return <ErrorState message={error.message} code={error.code} onRetry={onRetry} />;
}
