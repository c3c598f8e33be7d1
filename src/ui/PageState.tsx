/**
 * The three states every page shows while it has no content: loading, empty and error (with a
 * retry). Plain words and one clear button, readable for an older resident.
 */
import { View, Text } from '@tarojs/components';
import { Button, Loading } from './nutui';

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

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="state" role="alert">
      <Text className="state-text">{message}</Text>
      <Button type="primary" size="large" onClick={onRetry}>
        重新加载
      </Button>
    </View>
  );
}
