/**
 * One household (`?key=<householdKey>`; `rounds.household`): its residents, its 关爱对象 tags — which
 * the grid's workers and the community's admins (everyone who may open this page) change with a
 * confirmation (`rounds.setCareTags`) — the visit plan that applies, its past visits (newest first,
 * with the problems filed from them), and 记录走访 (the visit form). Reloads when the worker comes back
 * from the visit form or the filing page.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../services/call';
import { Button } from '../../../ui/nutui';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { LoadingState } from '../../../ui/PageState';
import { dayText } from '../../../ui/time';
import { useBusyCall } from '../../../ui/useBusyCall';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { CARE_TAGS, CARE_TAG_LABELS, ROUNDS_WORDS } from '../../../../cloudfunctions/shared/vocabulary/rounds';
import { ROUNDS_URLS, type CareTag, type HouseholdDetail } from '../../api';
import { VisitItem } from '../../components/VisitItem';
import { Chips } from '../../components/Chips';
import { RoundsError, RoundsPage } from '../../components/RoundsPage';

export default function HouseholdPage() {
  const key = decodeURIComponent(useRouter().params.key ?? '');
  const h = useRemote(() => call('rounds', 'household', { householdKey: key }), [key]);
  useReloadOnReturn(h.reload);
  return (
    <RoundsPage className="rounds-household">
      {h.state === 'loading' ? <LoadingState /> : null}
      {h.state === 'error' ? <RoundsError error={h.error} onRetry={h.reload} /> : null}
      {h.state === 'ok' ? <Household h={h.data} onChanged={h.reload} /> : null}
    </RoundsPage>
  );
}

function Household({ h, onChanged }: { h: HouseholdDetail; onChanged: () => void }) {
  return (
    <View>
      <View className={`card household-head${h.due ? ' due' : ''}`}>
        <Text className="title">
          {h.estateName} {h.roomLabel}
        </Text>
        <View className="r-residents">
          {h.residents.map((r) => (
            <Text key={r.id} className="r-resident">
              {r.name}
              {r.called ? `（${r.called}）` : ''}
            </Text>
          ))}
        </View>
        <Text className="r-line household-plan">
          {h.lastVisitDate ? `上次走访：${dayText(h.lastVisitDate)}` : ROUNDS_WORDS.neverVisited}。按计划每 {h.everyDays} 天走访一次
          {h.due ? '，该走访了。' : h.nextDueDate ? `，下次 ${dayText(h.nextDueDate)}。` : '。'}
        </Text>
        <View className="actions">
          <Button type="primary" size="large" block className="record-visit" onClick={() => Taro.navigateTo({ url: ROUNDS_URLS.visit(h.householdKey) })}>
            记录走访
          </Button>
        </View>
      </View>
      <CareTags h={h} onSaved={onChanged} />
      <View className="card household-visits">
        <Text className="subtitle">走访记录（{h.visits.length}）</Text>
        {h.visits.length ? h.visits.map((v) => <VisitItem key={v.id} v={v} />) : <Text className="r-line">还没有走访记录。</Text>}
      </View>
    </View>
  );
}

/** 关爱对象: the tags shown; 修改 turns them into chips, 保存 asks first (they change how often the household is visited). */
function CareTags({ h, onSaved }: { h: HouseholdDetail; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [tags, setTags] = useState<CareTag[]>(h.tags);
  const [asking, setAsking] = useState(false);
  const save = useBusyCall(() => {
    setAsking(false);
    setEditing(false);
    onSaved();
  });
  const same = tags.length === h.tags.length && tags.every((t) => h.tags.includes(t));
  return (
    <View className="card household-tags">
      <Text className="subtitle">关爱对象</Text>
      <Text className="muted">只有网格员和社区管理员看得到，不给邻居看，也不导出。</Text>
      {!editing ? (
        <View>
          <View className="r-meta">
            {h.tagLabels.length ? (
              h.tagLabels.map((t) => (
                <Text key={t} className="r-tag">
                  {t}
                </Text>
              ))
            ) : (
              <Text className="r-line">没有标记</Text>
            )}
          </View>
          {h.tagsBy ? <Text className="r-line">{h.tagsBy.name} 于 {dayText(h.tagsBy.at)} 标记</Text> : null}
          <View className="actions">
            <Button size="large" block className="edit-tags" onClick={() => { setTags(h.tags); setEditing(true); }}>
              修改关爱标记
            </Button>
          </View>
        </View>
      ) : (
        <View>
          <Chips className="care-tags" options={CARE_TAGS.map((t) => ({ value: t, label: CARE_TAG_LABELS[t] }))} selected={tags} onChange={(t) => { setTags(t); setAsking(false); }} />
          {save.error ? (
            <Text className="v-notice" aria-live="assertive">
              {save.error.message}
            </Text>
          ) : null}
          {asking ? (
            <InlineConfirm
              text={tags.length ? `标记为：${tags.map((t) => CARE_TAG_LABELS[t]).join('、')}？走访间隔会按走访计划跟着变。` : '去掉这一户的关爱标记？'}
              yes="确定保存"
              yesClass="confirm-tags"
              busy={save.busy}
              primary
              onYes={() => save.run(() => call('rounds', 'setCareTags', { householdKey: h.householdKey, tags }))}
              onNo={() => setAsking(false)}
            />
          ) : (
            <View className="actions">
              <Button type="primary" size="large" block className="save-tags" disabled={same} onClick={() => setAsking(true)}>
                {same ? '没有改动' : '保存关爱标记…'}
              </Button>
              <Button size="large" block className="cancel-tags" onClick={() => { setEditing(false); save.setError(null); }}>
                不改了
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
