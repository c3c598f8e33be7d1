/**
 * Home's ways into 社区议事 (registered people): for each topic now open for voting that the
 * caller's household has not voted on, a large card "<title> · 请您家表决" — tap 1 of the elder
 * three (home → topic → the option → 确认) —, then a card to 社区议事 (表决、会议、意见建议). The
 * topics are loaded apart from home's own data (`consult.topics`): a slow or failed answer never holds
 * the page; on failure only the 社区议事 card shows.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { call } from '../../services/call';
import { Button } from '../../ui/nutui';
import { useRemote } from '../../ui/useRemote';
import { useReloadOnReturn } from '../../ui/useReloadOnReturn';
import { whenText } from '../../ui/time';
import { CONSULT_URLS } from '../api';

/**
 * `show`: `votes` — only the cards of votes waiting for the household (home puts them near the top,
 * with what else waits for the person); `way` — only the 社区议事 card (lower on home; no topics
 * loaded); both when omitted.
 */
export function ConsultHomeEntry({ me, show }: { me: Me | null; show?: 'votes' | 'way' }) {
  const registered = !!me && me.registered;
  const needsTopics = registered && show !== 'way';
  const open = useRemote(() => (needsTopics ? call('consult', 'topics', { status: 'open' }) : Promise.resolve({ ok: true as const, data: { items: [], nextCursor: null } })), [needsTopics]);
  useReloadOnReturn(open.reload);
  if (!registered) return null;
  const waiting = open.state === 'ok' ? open.data.items.filter((t) => t.phase === 'voting' && t.householdVoted === false) : [];
  return (
    <View>
      {waiting.map((t) => (
        <View key={t.id} className="card home-vote" role="button" data-topic={t.id} onClick={() => Taro.navigateTo({ url: CONSULT_URLS.topic(t.id) })}>
          <Text className="home-vote-title">{t.title} · 请您家表决</Text>
          {t.voteUntil ? <Text className="home-line">{whenText(t.voteUntil)} 截止，一户一票</Text> : null}
          <Text className="home-vote-go">去表决 ›</Text>
        </View>
      ))}
      {show === 'votes' ? null : (
        <View className="card consult-entry">
          <Text className="subtitle">社区议事</Text>
          <Text className="muted">小区的事大家商量：表决、开会、提意见建议</Text>
          <View className="actions">
            <Button size="large" block className="open-consult" onClick={() => Taro.navigateTo({ url: CONSULT_URLS.index })}>
              社区议事
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
