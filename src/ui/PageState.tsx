/**
 * The three states every page shows while it has no content: loading, empty and error (with a
 * retry). Plain words and one clear button, readable for an older resident.
 *
 * An error that says the caller is not registered (`COMMON.NOT_REGISTERED`) cannot be helped by a
 * retry: ErrorState shows the way to the registration page instead (先登记). A record that is gone
 * (a booking, a market day, a resident — opened from an old link or a reload) cannot be helped by a
 * retry either: ErrorState shows {@link NotFoundState}, which says so and offers the way home.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CallErrorCode } from '../../cloudfunctions/shared/errors';
import { Button, Loading } from './nutui';

/** The code, and its message in the functions' catalogue (cloudfunctions/shared/errors.ts), for callers that pass only the message. */
const NOT_REGISTERED: { code: CallErrorCode; message: string } = { code: 'COMMON.NOT_REGISTERED', message: '请先登记您的身份信息' };

/** True for the error a page gets when the visitor is not registered yet. */
export function isNotRegistered(error: { code?: CallErrorCode; message?: string }): boolean {
  return error.code === NOT_REGISTERED.code || (!error.code && error.message === NOT_REGISTERED.message);
}

/** The registration page (first visit). */
export const REGISTER_URL = '/pages/register/index';

/** Error codes that mean the record a page shows does not exist (any more): a retry cannot bring it back. */
const NOT_FOUND_CODES = new Set<CallErrorCode>(['MARKET.DAY_NOT_FOUND', 'BOOKING.NOT_FOUND', 'BOOKING.SLOT_NOT_FOUND', 'COUNTER.RESIDENT_NOT_FOUND', 'CLIENT.NOT_FOUND']);

/** True for an error that says the page's record is gone. */
export function isNotFound(error: { code?: CallErrorCode }): boolean {
  return !!error.code && NOT_FOUND_CODES.has(error.code);
}

export function LoadingState({ text = '正在加载，请稍候…' }: { text?: string }) {
  return (
    <View className="state" aria-busy="true">
      <Loading type="spinner" />
      <Text className="state-text">{text}</Text>
    </View>
  );
}

export function EmptyState({ text, actionText, onAction }: { text: string; actionText?: string; onAction?: () => void }) {
  return (
    <View className="state">
      <Text className="state-text">{text}</Text>
      {actionText && onAction ? (
        <Button type="primary" size="large" onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}

/** For a visitor not registered yet: why the page is empty and the one button that helps. */
export function NotRegisteredState() {
  return (
    <View className="state not-registered" role="alert">
      <Text className="state-text">您还没有登记。先登记一下住在哪里，就可以预约、查看预约了。</Text>
      <Button type="primary" size="large" onClick={() => Taro.navigateTo({ url: REGISTER_URL })}>
        先登记
      </Button>
    </View>
  );
}

/** For a page whose record is gone: what was not found, and the way home (回首页). */
export function NotFoundState({ text }: { text: string }) {
  return (
    <View className="state not-found" role="alert">
      <Text className="state-text">{text}</Text>
      <Button type="primary" size="large" onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
        回首页
      </Button>
    </View>
  );
}

/**
 * An error with a retry; `code` (or the catalogue's message) `COMMON.NOT_REGISTERED` shows
 * {@link NotRegisteredState} instead, and a not-found code {@link NotFoundState} (the way home).
 */
export function ErrorState({ message, code, onRetry }: { message: string; code?: CallErrorCode; onRetry: () => void }) {
  if (isNotRegistered({ code, message })) return <NotRegisteredState />;
  if (code && isNotFound({ code })) return <NotFoundState text={message} />;
  return (
    <View className="state" role="alert">
      <Text className="state-text">{message}</Text>
      <Button type="primary" size="large" onClick={onRetry}>
        重新加载
      </Button>
    </View>
  );
}
