/**
 * One visit in a list (the household's 走访记录, the 民情日志): the date (and how long ago, with
 * `today`), who went, whom they met, the topics, the note, and a link to each problem filed from it
 * (the desk's ticket page). `withRoom` puts the room first (民情日志).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../ui/nutui';
import { dayText } from '../../ui/time';
import { TICKET_URLS } from '../../ticket/api';
import { daysAgoText, type VisitView } from '../api';

export function VisitItem({ v, withRoom = false, today }: { v: VisitView; withRoom?: boolean; today?: string }) {
  return (
    <View className="r-visit visit-item" data-visit={v.id}>
      <Text className="r-visit-head">
        {withRoom ? `${v.roomLabel} · ` : ''}
        {dayText(v.date)}
        {today ? `（${daysAgoText(v.date, today)}）` : ''} · {v.workerName}
      </Text>
      <Text className="r-visit-body">
        {v.metLabel}
        {v.metNote ? `（${v.metNote}）` : ''}
        {v.topicLabels.length ? `；${v.topicLabels.join('、')}` : ''}
      </Text>
      {v.note ? <Text className="r-visit-body">{v.note}</Text> : null}
      {v.ticketIds.map((id, i) => (
        <Button
          key={id}
          size="large"
          block
          className="visit-ticket"
          onClick={(e) => {
            e.stopPropagation();
            Taro.navigateTo({ url: TICKET_URLS.deskDetail(id) });
          }}
        >
          查看登记的问题{v.ticketIds.length > 1 ? ` ${i + 1}` : ''} ›
        </Button>
      ))}
    </View>
  );
}

