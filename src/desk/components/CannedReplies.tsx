/**
 * 常用语 (issue 21): the community's saved texts for a staff form, as big buttons; a tap fills the
 * form's box with that text (replacing what is there — it can be edited after). `kind`: `feedback`
 * (反馈处理结果, 办结说明) or `followUp` (回访: 反映人怎么说). Loads `ticket.settings` when the form opens;
 * shows nothing while loading, on an error, or when the community has none (the admin adds them on
 * 办理时限与常用语). Props: `kind`, `onPick(text)`, `max` (the box's limit: a longer text is cut to it).
 */
import { View, Text } from '@tarojs/components';
import type { CannedReplies as Replies } from '../../../cloudfunctions/ticket/contract';
import { call } from '../../services/call';
import { Button } from '../../ui/nutui';
import { useRemote } from '../../ui/useRemote';
import './CannedReplies.css';

export function CannedReplies({ kind, onPick, max }: { kind: keyof Replies; onPick: (text: string) => void; max?: number }) {
  const settings = useRemote(() => call('ticket', 'settings'));
  if (settings.state !== 'ok') return null;
  const list = settings.data.cannedReplies[kind];
  if (!list.length) return null;
  return (
    <View className={`canned-replies canned-replies-${kind}`}>
      <Text className="canned-label">常用语（点一下填进去，还可以再改）</Text>
      <View className="canned-list">
        {list.map((text) => (
          <Button key={text} size="large" className="canned-reply" onClick={() => onPick(max ? [...text].slice(0, max).join('') : text)}>
            {text}
          </Button>
        ))}
      </View>
    </View>
  );
}
