/**
 * 我的住户 (grid workers; admins pick a grid — `?gridId=` opens one): the households of a grid from
 * `rounds.households` — room, residents' names, 关爱对象 tags (staff only), the last visit and 该走访了
 * for the due ones (due first, as the function orders them). Filters 全部 / 待走访 / 关爱对象 and a
 * search by room as residents type it (3号楼301, ３号楼, 3栋2单元) or by name (`matchesQuery`). A tap
 * opens the household (`household`). Long lists show {@link PAGE_ROWS} rows at a time (显示更多).
 */
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../services/call';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { ROUNDS_WORDS } from '../../../../cloudfunctions/shared/vocabulary/rounds';
import { ROUNDS_URLS, daysAgoText, filterHouseholds, type HouseholdFilter, type HouseholdRow } from '../../api';
import { RoundsError, RoundsPage } from '../../components/RoundsPage';

/** Rows drawn at once (a grid may have 2 000 households; the phone draws a page at a time). */
const PAGE_ROWS = 50;

const FILTERS: { value: HouseholdFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'due', label: '待走访' },
  { value: 'tagged', label: '关爱对象' },
];

export default function HouseholdsPage() {
  const [gridId, setGridId] = useState<string | undefined>(decodeURIComponent(useRouter().params.gridId ?? '') || undefined);
  const reg = useRemote(() => call('rounds', 'households', gridId ? { gridId } : {}), [gridId]);
  useReloadOnReturn(reg.reload);
  const [filter, setFilter] = useState<HouseholdFilter>('all');
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE_ROWS);
  const data = reg.state === 'ok' ? reg.data : null;
  const list = data ? filterHouseholds(data.households, filter, query) : [];
  return (
    <RoundsPage className="rounds-households">
      <View className="card">
        <Text className="title">我的住户{data ? `（${data.gridCode}）` : ''}</Text>
        {data ? (
          <Text className="r-totals households-totals">
            共 {data.totals.households} 户 {data.totals.residents} 人 · 该走访 {data.totals.due} 户 · 关爱对象 {data.totals.tagged} 户
          </Text>
        ) : null}
        {data && data.grids.length > 1 ? (
          <ChoiceButtons className="choice-grid households-grids" itemClassName="choice" options={data.grids.map((g) => ({ value: g.id, label: g.code }))} selected={data.gridId} onSelect={(id) => { setGridId(id); setShown(PAGE_ROWS); }} />
        ) : null}
        <View className="r-search">
          <Input className="v-input households-search" value={query} maxlength={20} placeholder="房号或姓名" aria-label="搜房号或姓名" confirmType="search" onInput={(e) => { setQuery(e.detail.value); setShown(PAGE_ROWS); }} />
          {query ? (
            <Button size="large" className="households-clear" onClick={() => setQuery('')}>
              清空
            </Button>
          ) : null}
        </View>
        <ChoiceButtons className="choice-grid r-filter households-filter" itemClassName="choice" options={FILTERS} selected={filter} onSelect={(v) => { setFilter(v as HouseholdFilter); setShown(PAGE_ROWS); }} />
      </View>
      {reg.state === 'loading' ? <LoadingState /> : null}
      {reg.state === 'error' ? <RoundsError error={reg.error} onRetry={reg.reload} /> : null}
      {data && !data.households.length ? <EmptyState text="这个网格里还没有登记的住户。居民登记了住址，就会出现在这里。" /> : null}
      {data && data.households.length && !list.length ? (
        <EmptyState text={query ? `没有找到“${query.trim()}”。可以换个写法，比如 3号楼301 或者姓名。` : filter === 'due' ? '现在没有该走访的住户。' : '这个网格还没有关爱对象。'} />
      ) : null}
      {data && list.length ? <Text className="r-section households-count">{filter === 'due' ? '待走访' : filter === 'tagged' ? '关爱对象' : '住户'}（{list.length} 户）</Text> : null}
      {data ? list.slice(0, shown).map((h) => <HouseholdCard key={h.householdKey} h={h} today={data.today} multiEstate={new Set(data.households.map((x) => x.estateId)).size > 1} />) : null}
      {list.length > shown ? (
        <View className="actions r-more">
          <Button size="large" block className="households-more" onClick={() => setShown(shown + PAGE_ROWS)}>
            显示更多（还有 {list.length - shown} 户）
          </Button>
        </View>
      ) : null}
    </RoundsPage>
  );
}

/** One household's row: room, names, tags, the last visit, 该走访了. */
function HouseholdCard({ h, today, multiEstate }: { h: HouseholdRow; today: string; multiEstate: boolean }) {
  const names = h.residents.map((r) => (r.called ? `${r.name}（${r.called}）` : r.name)).join('、');
  return (
    <View className={`card r-row household-row${h.due ? ' due' : ''}`} data-key={h.householdKey} role="button" onClick={() => Taro.navigateTo({ url: ROUNDS_URLS.household(h.householdKey) })}>
      <Text className="r-room">
        {multiEstate ? `${h.estateName} ` : ''}
        {h.roomLabel}
      </Text>
      <Text className="r-names">{names || '（没有登记的居民）'}</Text>
      <View className="r-meta">
        {h.due ? <Text className="r-due">{ROUNDS_WORDS.due}</Text> : null}
        {h.tagLabels.map((t) => (
          <Text key={t} className="r-tag">
            {t}
          </Text>
        ))}
        <Text className="r-last">{h.lastVisitDate ? `上次走访：${daysAgoText(h.lastVisitDate, today)}` : ROUNDS_WORDS.neverVisited}</Text>
      </View>
    </View>
  );
}
