/**
 * A decided topic's result, for everyone who may see it (the topic page, the public board): the
 * outcome in words, households voted of the electorate, the split by option per channel (微信 · 柜台 ·
 * 纸质; paper's blank and invalid sheets), each condition checked and the rule with its source. Only
 * after `decided`: before it nobody sees a split (docs/consultation-design.md §6).
 */
import { View, Text } from '@tarojs/components';
import { CHANNEL_LABELS, type TopicResultView } from '../api';

export function TopicResult({ result }: { result: TopicResultView }) {
  const channels = ['wechat', 'counter', 'paper'] as const;
  const per = (key: string) => channels.map((c) => `${CHANNEL_LABELS[c]} ${result.byChannel[c][key] ?? 0}`).join(' · ');
  const paper = result.byChannel.paper;
  return (
    <View className="topic-result">
      <Text className="result-outcome">{result.outcomeLabel}</Text>
      <Text className="consult-line">
        {result.households.voted} 户参加表决{result.households.electorate ? `，共 ${result.households.electorate} 户` : ''}（微信 {result.households.byChannel.wechat} · 柜台 {result.households.byChannel.counter} · 纸质 {result.households.byChannel.paper}）
      </Text>
      <View className="result-table">
        {result.totals.map((o) => (
          <View key={o.key} className="result-row">
            <View className="result-row-label">
              <Text>{o.label}</Text>
              <Text className="consult-hint">{per(o.key)}</Text>
            </View>
            <Text className="result-row-count">{o.households} 户</Text>
          </View>
        ))}
        {paper.blank || paper.invalid ? (
          <View className="result-row">
            <Text className="result-row-label">纸质票：空白 {paper.blank ?? 0} · 无效 {paper.invalid ?? 0}</Text>
          </View>
        ) : null}
      </View>
      {result.checks.map((c) => (
        <Text key={c} className="result-check">
          {c}
        </Text>
      ))}
      <Text className="consult-hint">{result.ruleText}</Text>
    </View>
  );
}
