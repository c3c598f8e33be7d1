/**
 * 意见建议 (a registered resident). Without an id: give one — what (5–500 characters) and where (可不填)
 * — then its page; below, my opinions. With `?id=`: one opinion's steps (已收到 → 已受理 → 已解决 /
 * 已转网格员 / 已答复, China time), the reply deadline, what was done or the reply with its reason, and,
 * once resolved or answered, the rating (满意 / 基本满意 / 不满意; 不满意 on a resolved one reopens it once).
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../../services/call';
import { newRequestId, type CallError } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { dayText, whenText } from '../../../ui/time';
import { LineBox, TextBox, charCount } from '../../../ticket/components/TextBox';
import { CONSULT_LIMITS as L } from '../../../../cloudfunctions/consult/limits';
import { CONSULT_URLS, OPINION_RATINGS, type OpinionRating, type OpinionView } from '../../api';
import { ConsultErrorState, ConsultPage } from '../../components/ConsultPage';
import { OpinionCardView } from '../../components/Cards';

export default function OpinionPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  return <ConsultPage className="consult-opinion">{id ? <OneOpinion id={id} /> : <GiveOpinion />}</ConsultPage>;
}

type Send = { state: 'idle' } | { state: 'sending' } | { state: 'failed'; error: CallError };

function GiveOpinion() {
  const [text, setText] = useState('');
  const [place, setPlace] = useState('');
  const [send, setSend] = useState<Send>({ state: 'idle' });
  const requestId = useRef(newRequestId());
  const clear = () => setSend((s) => (s.state === 'failed' ? { state: 'idle' } : s));
  useClearOnLeave(clear);
  const mine = useRemote(() => call('consult', 'myOpinions'), []);
  const submit = async () => {
    if (send.state === 'sending') return;
    if (charCount(text) < L.opinionText.min) {
      setSend({ state: 'failed', error: { code: 'CLIENT.FORM', message: `请把意见写清楚一些（至少 ${L.opinionText.min} 个字）` } });
      return;
    }
    setSend({ state: 'sending' });
    const r = await call('consult', 'giveOpinion', { text: text.trim(), requestId: requestId.current, ...(place.trim() ? { place: place.trim() } : {}) });
    if (!r.ok) {
      setSend({ state: 'failed', error: r.error });
      return;
    }
    Taro.redirectTo({ url: `${CONSULT_URLS.opinion(r.data.id)}&given=1` });
  };
  return (
    <View>
      <View className="card opinion-form">
        <Text className="title">提意见建议</Text>
        <Text className="muted">对社区、小区有什么意见和建议，写在这里。社区会在 {L.opinionReplyWorkingDays} 个工作日内答复您。</Text>
        <TextBox label="您的意见建议" value={text} min={L.opinionText.min} max={L.opinionText.max} placeholder="例如：小区东门的路灯坏了很久，晚上出门看不见" onChange={(v) => {
          setText(v);
          clear();
        }} />
        <LineBox label="在哪里（可以不填）" value={place} max={L.opinionPlace.max} placeholder="例如：3号楼东门" onChange={setPlace} />
        {send.state === 'failed' ? (
          <Text className="notice" aria-live="assertive">
            {send.error.message}
          </Text>
        ) : null}
        <View className="actions">
          <Button type="primary" size="large" block className="opinion-send" loading={send.state === 'sending'} disabled={send.state === 'sending'} onClick={submit}>
            提交意见
          </Button>
        </View>
        <Text className="consult-hint">您的姓名和电话只有社区的网格员和管理员能看到。</Text>
      </View>
      <Text className="subtitle consult-section">我提过的意见</Text>
      {mine.state === 'loading' ? <LoadingState /> : null}
      {mine.state === 'error' ? <ConsultErrorState error={mine.error} onRetry={mine.reload} /> : null}
      {mine.state === 'ok' && mine.data.length === 0 ? <Text className="consult-empty">还没有提过。</Text> : null}
      {mine.state === 'ok' ? mine.data.map((o) => <OpinionCardView key={o.id} o={o} />) : null}
    </View>
  );
}

function OneOpinion({ id }: { id: string }) {
  const given = useRouter().params.given === '1';
  const load = useCallback(() => call('consult', 'opinion', { opinionId: id }), [id]);
  const got = useRemote(load, [load]);
  const [o, setO] = useState<OpinionView | null>(null);
  const loaded = got.state === 'ok' ? got.data : null;
  useEffect(() => setO(loaded && loaded.audience === 'giver' ? loaded : null), [loaded]);
  if (got.state === 'loading') return <LoadingState />;
  if (got.state === 'error') return <ConsultErrorState error={got.error} onRetry={got.reload} />;
  if (!o) return <LoadingState />;
  const final = o.status === 'resolved' || o.status === 'answered';
  return (
    <View>
      <View className="card opinion-head">
        {given ? (
          <Text className="vote-done" aria-live="polite">
            已提交，社区会在 {dayText(o.dueDate)} 前答复您
          </Text>
        ) : null}
        <Text className="consult-phase phase-discussion">{o.statusLabel}</Text>
        <Text className="consult-text">{o.text}</Text>
        {o.place ? <Text className="consult-line">地点：{o.place}</Text> : null}
        <Text className="consult-hint">
          {whenText(o.createdAt)} 提的（{o.sourceLabel}）
        </Text>
        {!final ? <Text className="consult-line">{o.overdue ? `已过答复期限（${dayText(o.dueDate)}），社区正在督办` : `社区在 ${dayText(o.dueDate)} 前答复`}</Text> : null}
        {o.resolution ? (
          <View>
            <Text className="field-label">已经办好</Text>
            <Text className="consult-line">
              {dayText(o.resolution.when)}：{o.resolution.what}
            </Text>
          </View>
        ) : null}
        {o.reply ? (
          <View>
            <Text className="field-label">社区的答复</Text>
            <Text className="consult-line">{o.reply.text}</Text>
            <Text className="consult-line">原因：{o.reply.reason}</Text>
          </View>
        ) : null}
      </View>
      <View className="card">
        <Text className="subtitle">办理进展</Text>
        {o.steps.map((s, i) => (
          <View key={i} className="step">
            <Text className="step-line">
              {whenText(s.at)} {s.title}
            </Text>
            {s.note ? <Text className="consult-hint">{s.note}</Text> : null}
          </View>
        ))}
      </View>
      {o.rating ? (
        <View className="card">
          <Text className="subtitle">您的评价</Text>
          <Text className="consult-line">
            {o.rating.ratingLabel}
            {o.rating.comment ? `，${o.rating.comment}` : ''}
          </Text>
        </View>
      ) : null}
      {o.canRate ? <RateCard o={o} onRated={setO} /> : null}
      <View className="actions">
        <Button size="large" block onClick={() => Taro.redirectTo({ url: CONSULT_URLS.opinion() })}>
          再提一条 / 我提过的意见
        </Button>
      </View>
    </View>
  );
}

function RateCard({ o, onRated }: { o: OpinionView; onRated: (o: OpinionView) => void }) {
  const [rating, setRating] = useState<OpinionRating | null>(null);
  const [comment, setComment] = useState('');
  const [send, setSend] = useState<Send>({ state: 'idle' });
  const submit = async () => {
    if (send.state === 'sending') return;
    if (!rating) {
      setSend({ state: 'failed', error: { code: 'CLIENT.FORM', message: '请先选一个：满意、基本满意或不满意' } });
      return;
    }
    setSend({ state: 'sending' });
    const r = await call('consult', 'rateOpinion', { opinionId: o.id, rating, comment: comment.trim() });
    if (r.ok) {
      setSend({ state: 'idle' });
      onRated(r.data);
    } else setSend({ state: 'failed', error: r.error });
  };
  return (
    <View className="card rate-card">
      <Text className="subtitle">您满意吗？</Text>
      <ChoiceButtons className="choice-grid rate-choices" itemClassName="choice" options={OPINION_RATINGS} selected={rating} onSelect={(v) => setRating(v as OpinionRating)} />
      {rating === 'unsatisfied' && o.status === 'resolved' ? <Text className="consult-hint">选“不满意”，社区会重新办一次。</Text> : null}
      <TextBox label="想说的话（可以不写）" value={comment} max={L.opinionRatingComment.max} onChange={setComment} />
      {send.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {send.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="rate-send" loading={send.state === 'sending'} disabled={send.state === 'sending'} onClick={submit}>
          提交评价
        </Button>
      </View>
    </View>
  );
}
