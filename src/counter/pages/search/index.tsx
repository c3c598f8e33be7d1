/**
 * The kiosk counter (for grid workers and community staff): find a resident by name or address
 * (赵建国, 赵大爷, 3号楼, 301) to serve them on their behalf — each result says whether the
 * resident is verified and warns of another record with the same name and address — or register a
 * resident who has no WeChat (代登记). On the market day, 凭预约码签到 checks a resident in by the code
 * on their booking slip (`CheckInByCode`).
 */
import { View, Text, Input } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ResidentCard } from '../../../account/api';
import type { CallError } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { LoadingState } from '../../../ui/PageState';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { CheckInByCode } from '../../components/CheckInByCode';
import { ParcelsStaffButton } from '../../../parcels/components/ParcelsHomeCard';
import { DuplicateWarning, VerifiedTag } from '../../components/ResidentFlags';
import { call } from '../../../services/call';
import '../../counter.css';

type Search = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; query: string; residents: ResidentCard[] } | { state: 'error'; error: CallError };

export default function CounterSearchPage() {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  // an error is about the last try: gone when the user types again or leaves the page
  const clearError = () => setSearch((s) => (s.state === 'error' ? { state: 'idle' } : s));
  useClearOnLeave(clearError);

  const run = async () => {
    const q = query.trim();
    if (!q) {
      setSearch({ state: 'error', error: { code: 'COMMON.INVALID_INPUT', message: '请输入居民的姓名或住址' } });
      return;
    }
    setSearch({ state: 'loading' });
    const r = await call('account', 'searchResidents', { query: q });
    setSearch(r.ok ? { state: 'ok', query: q, residents: r.data } : { state: 'error', error: r.error });
  };

  // the resident's page loads the record by id: nothing else travels in the URL
  const open = (c: ResidentCard) => Taro.navigateTo({ url: `/counter/pages/resident/index?id=${encodeURIComponent(c.id)}` });

  return (
    <Page className="counter">
      <View className="card">
        <Text className="title">为居民代办</Text>
        <Text className="muted">输入居民的姓名、拼音或住址，例如：赵建国、zjg、3栋301</Text>
        <Input
          className="counter-input"
          value={query}
          placeholder="姓名、拼音或住址"
          maxlength={20}
          confirmType="search"
          aria-label="居民姓名、拼音或住址"
          onInput={(e) => {
            setQuery(e.detail.value);
            clearError();
          }}
          onConfirm={run}
        />
        <View className="actions">
          <Button type="primary" size="large" block onClick={run}>
            查找居民
          </Button>
          <Button size="large" block onClick={() => Taro.navigateTo({ url: '/counter/pages/register/index' })}>
            为没有微信的居民登记
          </Button>
          <ParcelsStaffButton />
        </View>
      </View>
      {search.state === 'loading' ? <LoadingState text="正在查找…" /> : null}
      {search.state === 'error' ? <Text className="notice">{search.error.message}</Text> : null}
      {search.state === 'ok' && search.residents.length === 0 ? (
        <Text className="notice">本社区没有找到“{search.query}”，请换个写法；居民没有微信的，可以点上面的按钮为他登记。</Text>
      ) : null}
      {search.state === 'ok'
        ? search.residents.map((c) => (
            <View key={c.id} className="card resident-card tap-row" onClick={() => open(c)}>
              <View className="resident-card-body">
                <View className="name-line">
                  <Text className="subtitle">
                    {c.name}
                    {c.called ? `（${c.called}）` : ''}
                  </Text>
                  <VerifiedTag verified={c.verified} />
                </View>
                <Text className="muted">{c.address}</Text>
                {/* who needs staff to act for them is whoever has no WeChat linked, not whoever gave no phone */}
                <Text className="muted resident-wechat">{c.hasWeChat ? '已关联微信，自己能在手机上办' : '没有关联微信，需要代办'}</Text>
                {c.hasPhone ? <Text className="muted">电话 {c.phoneMasked}</Text> : null}
                <DuplicateWarning duplicates={c.duplicateOf} />
              </View>
              <Text className="counter-link">办理 ›</Text>
            </View>
          ))
        : null}
      <CheckInByCode />
    </Page>
  );
}
