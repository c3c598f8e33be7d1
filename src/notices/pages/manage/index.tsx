/**
 * 公告管理 (staff; 撤下 for community admins): the community's notices newest first (`notices.list`),
 * each with its status (展示中 / 已过期 / 已撤下), who it is for, 已读 N / M 人 (people who opened it of
 * the residents in its audience), and for a notice on show 撤下: a reason, then 确认撤下
 * (`notices.withdraw`). 发布公告 at the top. Empty, loading and error states.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../services/call';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { NOTICES_LIMITS as L } from '../../../../cloudfunctions/notices/limits';
import { dateWords, localDateWords, NOTICES_URLS, type StaffNoticeView } from '../../api';
import { NoticesError, NoticesPage } from '../../components/NoticesPage';

export default function ManagePage() {
  const list = useRemote(() => call('notices', 'list'));
  useReloadOnReturn(list.reload);
  usePullDownRefresh(() => {
    list.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <NoticesPage className="notices-manage">
      <View className="card">
        <Text className="title">公告管理</Text>
        <Text className="muted">发给居民的公告和政策宣传，谁看过了；不对的可以撤下。</Text>
        <View className="actions">
          <Button type="primary" size="large" block className="open-publish" onClick={() => Taro.navigateTo({ url: NOTICES_URLS.publish })}>
            发布公告
          </Button>
        </View>
      </View>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <NoticesError error={list.error} onRetry={list.reload} /> : null}
      {list.state === 'ok' && !list.data.notices.length ? <EmptyState text="还没有发过公告" /> : null}
      {list.state === 'ok' ? list.data.notices.map((n) => <ManageRow key={n.id} n={n} onChanged={list.reload} />) : null}
    </NoticesPage>
  );
}

function ManageRow({ n, onChanged }: { n: StaffNoticeView; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const withdraw = async () => {
    if (busy) return;
    setBusy(true);
    const r = await call('notices', 'withdraw', { noticeId: n.id, reason });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      setConfirming(false);
      return;
    }
    setOpen(false);
    onChanged();
  };
  return (
    <View className={`card n-row n-manage n-status-${n.status}`}>
      <View className="n-meta">
        {n.pinned ? <Text className="n-badge n-badge-pin">置顶</Text> : null}
        <Text className={`n-badge n-kind-${n.kind}`}>{n.kindLabel}</Text>
        <Text className={`n-badge n-state n-state-${n.status}`}>{n.statusLabel}</Text>
      </View>
      <Text className="n-title">{n.title}</Text>
      <Text className="n-when">
        {dateWords(n.publishedAt)} {n.byName}发布 · 给{n.audienceLabel}
        {n.expiresOn ? ` · 显示到${localDateWords(n.expiresOn)}` : ''}
      </Text>
      <Text className="n-reads">
        已读 {n.readCount} 人{n.audienceSize ? ` / 共 ${n.audienceSize} 位居民` : ''}
      </Text>
      {n.status === 'withdrawn' && n.withdrawReason ? <Text className="n-when n-withdrawn">撤下原因：{n.withdrawReason}</Text> : null}
      {error ? (
        <Text className="v-notice" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      {n.status !== 'withdrawn' && !open ? (
        <View className="actions">
          <Button size="large" block className="open-withdraw" onClick={() => { setOpen(true); setError(null); }}>
            撤下
          </Button>
        </View>
      ) : null}
      {open ? (
        <View className="n-withdraw">
          <Text className="field-label">为什么撤下（居民看不到，工作人员能看到）</Text>
          <Input className="v-input withdraw-reason" value={reason} maxlength={L.reason.max} placeholder="例如：时间改了，另行通知" aria-label="撤下原因" onInput={(e) => { setReason(e.detail.value); setConfirming(false); setError(null); }} />
          {confirming ? (
            <InlineConfirm text={`撤下“${n.title}”？撤下以后居民就看不到了。`} yes="确认撤下" yesClass="withdraw-confirm" busy={busy} onYes={withdraw} onNo={() => setConfirming(false)} />
          ) : (
            <View className="actions">
              <Button type="primary" size="large" block className="withdraw-next" onClick={() => ([...reason.trim()].length < L.reason.min ? setError(`请写撤下原因（至少 ${L.reason.min} 个字）`) : setConfirming(true))}>
                撤下
              </Button>
              <Button size="large" block onClick={() => { setOpen(false); setConfirming(false); setError(null); }}>
                不撤了
              </Button>
            </View>
          )}
        </View>
      ) : null}
    </View>
  );
}
