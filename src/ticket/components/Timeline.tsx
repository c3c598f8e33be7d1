/**
 * A ticket's timeline: one step a row, oldest first, down a line — when (local date and time), what
 * happened, and its note. Staff also see who did it and which steps the reporter does not see (内部).
 */
import { View, Text } from '@tarojs/components';
import type { TimelineStep } from '../api';
import { whenText } from '../when';

export function Timeline({ steps, staff = false }: { steps: TimelineStep[]; staff?: boolean }) {
  if (!steps.length) return null;
  return (
    <View className="timeline" role="list">
      {steps.map((s, i) => (
        <View key={`${s.at}-${i}`} className={`timeline-step${i === steps.length - 1 ? ' timeline-last' : ''}`} role="listitem">
          <View className="timeline-dot" />
          <View className="timeline-body">
            <Text className="timeline-when">{whenText(s.at)}</Text>
            <Text className="timeline-title">
              {s.title}
              {staff && s.public === false ? <Text className="timeline-internal">（内部，反映人看不到）</Text> : null}
            </Text>
            {staff && s.actorName ? <Text className="timeline-who">经手：{s.actorName}</Text> : null}
            {s.note ? <Text className="timeline-note">{s.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
