/**
 * 我的转介 (issue 22; a resident): their asks for a provider, newest first, each with its state
 * (等待社区推荐 / 已推荐师傅 / 已评价 / 已取消). Once referred, the provider's name and phone (big, with
 * 给师傅打电话: `Taro.makePhoneCall`), and
 * 评价: 1–5 big star buttons and an optional comment, sent once (`providers.rate`). 不用了 calls off an
 * ask nobody has answered (asked first).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { MyReferral } from '../../../../cloudfunctions/providers/contract';
import { PROVIDERS_LIMITS as L } from '../../../../cloudfunctions/providers/limits';
import { call } from '../../../services/call';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { whenText } from '../../../ui/time';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { LineBox } from '../../../ticket/components/TextBox';
import { PROVIDERS_URLS, starsText } from '../../api';
import '../../providers.css';
import '../../../ticket/ticket.css';

export default function MyReferralsPage() {
  const mine = useRemote(() => call('providers', 'myReferrals', {}));
  useReloadOnReturn(mine.reload);
  return (
    <Page className="providers-mine">
      <View className="actions">
        <Button type="primary" size="large" block className="open-find" onClick={() => Taro.navigateTo({ url: PROVIDERS_URLS.index })}>
          找师傅
        </Button>
      </View>
      {mine.state === 'loading' ? <LoadingState /> : null}
      {mine.state === 'error' ? <ErrorState message={mine.error.message} code={mine.error.code} onRetry={mine.reload} /> : null}
      {mine.state === 'ok' ? (
        <View className="card">
          <Text className="title">我的转介</Text>
          {!mine.data.length ? <EmptyState text="还没有请社区推荐过师傅" /> : null}
          {mine.data.map((r) => (
            <ReferralRow key={r.id} r={r} onChanged={mine.reload} />
          ))}
        </View>
      ) : null}
    </Page>
  );
}

function ReferralRow({ r, onChanged }: { r: MyReferral; onChanged: () => void }) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rate = async () => {
    if (busy) return;
    if (!stars) return setError('请先点星星打分：1 颗星最差，5 颗星最好');
    setBusy(true);
    const res = await call('providers', 'rate', { referralId: r.id, stars, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    onChanged();
  };
  const cancel = async () => {
    setBusy(true);
    const res = await call('providers', 'cancelReferral', { referralId: r.id });
    setBusy(false);
    setAsking(false);
    if (!res.ok) return setError(res.error.message);
    onChanged();
  };
  return (
    <View className="v-row referral-mine-row">
      <View className="v-head">
        <Text className="v-name">{r.serviceLabel}</Text>
        <Text className={`v-tag ${r.status}`}>{r.statusLabel}</Text>
      </View>
      <Text className="v-line">{r.need}</Text>
      <Text className="v-meta">{whenText(r.askedAt)}提出</Text>
      {r.providerName ? <Text className="v-line">师傅：{r.providerName}</Text> : null}
      {r.providerPhone ? <Text className="v-phone referral-phone">电话 {r.providerPhone}</Text> : null}
      {r.providerPhone && r.status === 'referred' ? (
        <View className="actions">
          <Button size="large" block className="referral-call" onClick={() => void Taro.makePhoneCall({ phoneNumber: r.providerPhone! }).catch(() => undefined)}>
            给师傅打电话
          </Button>
        </View>
      ) : null}
      {r.rating ? <Text className="v-line">我的评价：<Text className="v-stars-shown">{starsText(r.rating.stars)}</Text>{r.rating.comment ? ` ${r.rating.comment}` : ''}</Text> : null}
      {error ? <Text className="v-error" aria-live="assertive">{error}</Text> : null}
      {r.status === 'referred' ? (
        <View className="rate-card">
          <Text className="field-label">师傅做完了？给他打个分</Text>
          <View className="v-stars" role="radiogroup" aria-label="打分">
            {[1, 2, 3, 4, 5].map((n) => (
              <Button key={n} size="large" className={`v-star star-${n}`} type={n <= stars ? 'primary' : 'default'} aria-label={`${n} 颗星`} onClick={() => {
                setStars(n);
                setError(null);
              }}>
                {n <= stars ? '★' : '☆'}
              </Button>
            ))}
          </View>
          {stars ? <Text className="v-meta">{stars} 颗星</Text> : null}
          <LineBox label="说几句（可以不填）" value={comment} max={L.comment.max} placeholder="例如：来得快，收费合理" onChange={setComment} />
          <View className="actions">
            <Button type="primary" size="large" block className="rate-send" loading={busy} disabled={busy} onClick={rate}>
              提交评价
            </Button>
          </View>
        </View>
      ) : null}
      {r.status === 'requested' ? (
        asking ? (
          <InlineConfirm text="不用社区推荐了？" yes="不用了" yesClass="referral-cancel-yes" busy={busy} onYes={cancel} onNo={() => setAsking(false)} />
        ) : (
          <View className="actions">
            <Button size="large" block className="referral-cancel" onClick={() => setAsking(true)}>
              不用推荐了
            </Button>
          </View>
        )
      ) : null}
    </View>
  );
}
