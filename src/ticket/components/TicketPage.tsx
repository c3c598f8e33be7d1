/**
 * The root of every ticket page: {@link Page} (elder mode) with a way back and a way home on top
 * (返回 when there is a page to go back to, 回首页 always), and the states a ticket page shows when
 * it has no content. When src/ui/Page.tsx gives every page its own way back, drop `WayBack` here.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState, type PropsWithChildren } from 'react';
import { Button } from '../../ui/nutui';
import { Page } from '../../ui/Page';
import { ErrorState } from '../../ui/PageState';
import type { CallError } from '../../services/cloud';
import '../ticket.css';

const HOME = '/pages/index/index';

function depth(): number {
  try {
    return Math.max(1, Taro.getCurrentPages().length);
  } catch {
    return 1;
  }
}

/**
 * 返回 (when this page was opened from another) and 回首页. In the mini-program WeChat's own bar
 * goes back, so only a page opened alone (a shared link, a notification) shows 回首页.
 */
export function WayBack() {
  const [canGoBack, setCanGoBack] = useState(false);
  useEffect(() => setCanGoBack(depth() > 1), []);
  if (process.env.TARO_ENV !== 'h5' && canGoBack) return null;
  return (
    <View className="ticket-nav" role="navigation" aria-label="页面导航">
      {canGoBack ? (
        <Button className="ticket-nav-back" size="large" onClick={() => Taro.navigateBack()}>
          ‹ 返回
        </Button>
      ) : (
        <View />
      )}
      <Button className="ticket-nav-home" size="large" onClick={() => Taro.reLaunch({ url: HOME })}>
        回首页
      </Button>
    </View>
  );
}

export function TicketPage({ className, children }: PropsWithChildren<{ className?: string }>) {
  return (
    <Page className={`ticket-page${className ? ` ${className}` : ''}`}>
      <WayBack />
      {children}
    </Page>
  );
}

/** A ticket that does not exist, or that this person may not see (the same answer for both): say so, and the way home. */
export function TicketNotFound({ text = '没有找到这条诉求。它可能已经不在了，或者您不能查看。' }: { text?: string }) {
  return (
    <View className="state not-found" role="alert">
      <Text className="state-text">{text}</Text>
      <Button type="primary" size="large" onClick={() => Taro.reLaunch({ url: HOME })}>
        回首页
      </Button>
    </View>
  );
}

/** An error of a ticket page: not found, or a page for others (staff, admins), says so with the way home; anything else can be retried. */
export function TicketErrorState({ error, onRetry }: { error: CallError; onRetry: () => void }) {
  if (error.code === 'TICKET.NOT_FOUND') return <TicketNotFound />;
  if (error.code === 'COMMON.FORBIDDEN') return <TicketNotFound text="这一页是给网格员和社区工作人员用的。" />;
  return <ErrorState message={error.message} code={error.code} onRetry={onRetry} />;
}
