/**
 * The confirm page's 候补 card (issue 17), for a full slot or one already waited for: the same card
 * for a resident themself (or the elder a family member acts for) and for staff at the counter
 * (帮{name}排候补). Title, the slot's `lines`, then either
 * - in line (`position` set): 「{who}排在候补第 N 位」, what happens next (`inLineWords`) and the one
 *   step on (`next`), or
 * - not yet (`position` undefined): how many wait already (`waiting`), how the line works
 *   (`joinWords`), the counter's spoken-consent choice (`consent`, absent for the resident), the
 *   page's `notice` and the join button (`join`, spinning while `join.sending`).
 * `back` (返回重新选择) closes both. Words come in ready to show (the page knows who is addressed:
 * 您, the elder's name, or the resident's at the counter); the card decides nothing and calls nothing.
 */
import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Button } from '../../ui/nutui';

export interface WaitCardProps {
  /** Who waits, as the page addresses them: 「您」, the elder a family member acts for, or the resident at the counter. */
  who: string;
  /** The slot's lines (项目、日期、时间、地点). */
  lines: ReactNode;
  /** Their place in line (1 = next), or undefined when they are not in line yet. */
  position?: number;
  /** How many already wait for the slot (`slot.waiting`); 0 says nothing. */
  waiting: number;
  /** In line: what happens when a place frees, and how to leave the line. */
  inLineWords: string;
  /** In line: the one step on (查看我的预约, or at the counter 回到{name}的页面). */
  next: { label: string; onClick: () => void; className?: string };
  /** Not in line: how the line works, after 「已经有 N 人在排队候补。」. */
  joinWords: string;
  /** Not in line: the button that joins the line; `sending` while the call runs. */
  join: { label: string; className: string; onClick: () => void; sending: boolean };
  /** Not in line, at the counter only: the resident's spoken-consent choice, above the notice. */
  consent?: ReactNode;
  /** The page's notice of a failed tap, or null. */
  notice: ReactNode;
  /** 返回重新选择. */
  back: ReactNode;
}

export function WaitCard({ who, lines, position, waiting, inLineWords, next, joinWords, join, consent, notice, back }: WaitCardProps) {
  return (
    <View className="card">
      <Text className="title">{position ? `${who}在排队候补` : '这个时段已约满'}</Text>
      {lines}
      {position ? (
        <View>
          <Text className="notice-ok wait-position" aria-live="polite">
            {`${who}排在候补第 ${position} 位`}
          </Text>
          <Text className="muted">{inLineWords}</Text>
          <View className="actions">
            <Button type="primary" size="large" block className={next.className} onClick={next.onClick}>
              {next.label}
            </Button>
            {back}
          </View>
        </View>
      ) : (
        <View>
          <Text className="muted wait-explain">
            {waiting > 0 ? `已经有 ${waiting} 人在排队候补。` : ''}
            {joinWords}
          </Text>
          {consent ? <View className="actions consent">{consent}</View> : null}
          {notice}
          <View className="actions">
            <Button className={join.className} type="primary" size="large" block loading={join.sending} disabled={join.sending} onClick={join.onClick}>
              {join.label}
            </Button>
            {back}
          </View>
        </View>
      )}
    </View>
  );
}
