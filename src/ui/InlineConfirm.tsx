/**
 * A question asked inside the card (no modal, which elder readers lose): the text, a big 确定… button
 * (busy while its call runs) and 再想想. Styles: `app.css` `.inline-confirm`.
 * Props: `text` (the question, Chinese), `yes` (the confirming words), `yesClass` (its class, for
 * tests and styles), `busy`, `onYes`, `onNo`, `no` (default 再想想), `primary` (the confirming button in
 * the primary colour, for a change that is the page's main action).
 */
import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Button } from './nutui';

export function InlineConfirm(props: { text: ReactNode; yes: string; yesClass: string; busy: boolean; onYes: () => void; onNo: () => void; no?: string; primary?: boolean }) {
  const { text, yes, yesClass, busy, onYes, onNo, no = '再想想', primary = false } = props;
  return (
    <View className="inline-confirm">
      <Text className="inline-confirm-text">{text}</Text>
      <View className="actions">
        <Button size="large" block type={primary ? 'primary' : 'default'} className={yesClass} loading={busy} disabled={busy} onClick={onYes}>
          {yes}
        </Button>
        <Button size="large" block onClick={onNo}>
          {no}
        </Button>
      </View>
    </View>
  );
}
