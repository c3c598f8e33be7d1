/**
 * A resident's problem (their own, or one they joined): where it stands, who will help, what they
 * wrote, the public steps so far (local dates and times), and after closing the question whether
 * it was really fixed (满意 / 基本满意 / 不满意, with an optional comment; 不满意 sends it back once).
 * Loaded by id from the server, so a reload or a shared link shows the same; a ticket this person
 * may not see is "not found", exactly like one that does not exist. Staff are sent to their own page.
 * The head says by when it will be done (承诺办结日期, after an approved extension the new date) or,
 * while suspended, 暂停办理至 … and why (issue 21).
 * Just after 提交 (and while it is being handled) a reporter with no phone on record is offered
 * 留个电话（可以不留） here (`ReporterPhoneCard`), below the problem and above its steps.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { CallError } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { call } from '../../../services/call';
import { useProxyWords } from '../../../services/family';
import { TICKET_LIMITS } from '../../../../cloudfunctions/ticket/limits';
import { RATING_LABELS, TICKET_URLS, type Rating, type ResidentTicketView } from '../../api';
import { PhotoList } from '../../components/PhotoPicker';
import { TextBox } from '../../components/TextBox';
import { Timeline } from '../../components/Timeline';
import { ReporterPhoneCard } from '../../components/ReporterPhone';
import { TicketErrorState, TicketNotFound, TicketPage } from '../../components/TicketPage';
import { dayText, whenText } from '../../when';

export default function TicketDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const load = useCallback(() => call('ticket', 'get', { ticketId: id }), [id]);
  const got = useRemote(load, [load]);
  const [ticket, setTicket] = useState<ResidentTicketView | null>(null);
  // the loaded answer (a new object only when loaded again): an action's answer replaces it until then
  const loaded = got.state === 'ok' ? got.data : null;
  useEffect(() => {
    if (loaded?.view === 'staff') Taro.redirectTo({ url: TICKET_URLS.deskDetail(id) });
    setTicket(loaded?.view === 'resident' ? loaded.ticket : null);
  }, [loaded, id]);

  return (
    <TicketPage proxy className="ticket-detail">
      {!id ? <TicketNotFound /> : null}
      {id && (got.state === 'loading' || (got.state === 'ok' && !ticket)) ? <LoadingState /> : null}
      {id && got.state === 'error' ? <TicketErrorState error={got.error} onRetry={got.reload} /> : null}
      {ticket ? <Detail t={ticket} onChange={setTicket} /> : null}
    </TicketPage>
  );
}

function Detail({ t, onChange }: { t: ResidentTicketView; onChange: (t: ResidentTicketView) => void }) {
  // 家人代办: his problem is addressed to him (「帮邹建庄处理」)
  const w = useProxyWords();
  return (
    <View>
      <View className="card ticket-head">
        <Text className="title">{t.categoryLabel}</Text>
        <Text className={`ticket-status status-${t.status}`}>{t.statusLabel}</Text>
        <Text className="ticket-line">地点：{t.place.text}</Text>
        <Text className="ticket-line">{t.relation === 'mine' ? '反映时间' : '开始时间'}：{whenText(t.createdAt)}</Text>
        <Text className="ticket-line helper-line">帮{w.you}处理：{t.helper}</Text>
        <PromisedDate t={t} />
        {t.relation === 'mine' ? <Text className="ticket-text">{t.text}</Text> : <Text className="ticket-hint">{w.you}点了“我也遇到了”：这件事邻居已经反映过，网格员会一起处理。</Text>}
        <PhotoList urls={t.photos} />
        {t.relation === 'mine' && t.anonymous ? <Text className="ticket-hint">{w.you}选了保密：网格员不会告诉对方是谁反映的。</Text> : null}
        {t.mergedIntoId ? (
          <View className="actions">
            <Text className="ticket-hint">这件事和另一条相同的反映合在一起处理了。</Text>
            <Button size="large" block onClick={() => Taro.redirectTo({ url: TICKET_URLS.detail(t.mergedIntoId!) })}>
              去看合并后的进展
            </Button>
          </View>
        ) : null}
      </View>
      <ReporterPhoneCard t={t} />
      <View className="card">
        <Text className="subtitle">办理进展</Text>
        <Timeline steps={t.timeline} />
      </View>
      {t.ratings.length ? (
        <View className="card ratings">
          <Text className="subtitle">{w.say('您的评价', '{name}的评价')}</Text>
          {t.ratings.map((r) => (
            <Text key={r.at} className="ticket-line">
              {whenText(r.at)}：{r.ratingLabel}
              {r.comment ? `，${r.comment}` : ''}
            </Text>
          ))}
        </View>
      ) : null}
      {/* 家人代办: rating is the elder's own (ticket.rate takes no forElder) */}
      {t.canRate && w.elder ? <Text className="card ticket-hint family-no-rating">{`问题办结了。评价要${w.elder}本人来做：用自己的微信，或到解忧铺。`}</Text> : null}
      {t.canRate && !w.elder ? <RateCard t={t} onRated={onChange} /> : null}
      <View className="actions">
        <Button size="large" block onClick={() => Taro.redirectTo({ url: TICKET_URLS.mine })}>
          {w.say('我反映的所有问题', '{name}反映的所有问题')}
        </Button>
      </View>
    </View>
  );
}

/**
 * When it will be done, in plain words (issue 21): 承诺办结日期 (the handling deadline's date, moved by
 * an approved extension — then said so), or while it is suspended 暂停办理至 … with the reason (the
 * note of the last public 挂起 step) and that the days do not count. Nothing while it waits to be
 * accepted, or once handled.
 */
function PromisedDate({ t }: { t: ResidentTicketView }) {
  const last = (type: string) => [...t.timeline].reverse().find((s) => s.type === type);
  if (t.suspendedUntil) {
    const reason = last('suspended')?.note;
    return (
      <View className="promise-box promise-suspended">
        <Text className="ticket-line promise-line">暂停办理至 {dayText(t.suspendedUntil)}</Text>
        {reason ? <Text className="ticket-line">原因：{reason}</Text> : null}
        <Text className="ticket-hint">到那天网格员会接着办。暂停的这些天不算在办理时间里。</Text>
      </View>
    );
  }
  if (!t.promisedDate) return null;
  const extended = !!last('extended');
  return (
    <View className="promise-box">
      <Text className="ticket-line promise-line">承诺办结日期：{dayText(t.promisedDate)}</Text>
      {extended ? <Text className="ticket-hint promise-extended">办理时间延长了，社区已经同意，上面是新的日期。</Text> : null}
    </View>
  );
}

const RATING_OPTIONS = (Object.keys(RATING_LABELS) as Rating[]).map((value) => ({ value, label: RATING_LABELS[value] }));

function RateCard({ t, onRated }: { t: ResidentTicketView; onRated: (t: ResidentTicketView) => void }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<{ state: 'idle' } | { state: 'sending' } | { state: 'failed'; error: CallError }>({ state: 'idle' });
  const send = async () => {
    if (state.state === 'sending') return;
    if (!rating) {
      setState({ state: 'failed', error: { code: 'CLIENT.FORM', message: '请先选一个：满意、基本满意或不满意' } });
      return;
    }
    setState({ state: 'sending' });
    const r = await call('ticket', 'rate', { ticketId: t.id, rating, comment: comment.trim() });
    if (r.ok) onRated(r.data);
    else setState({ state: 'failed', error: r.error });
  };
  return (
    <View className="card rate-card">
      <Text className="subtitle">问题真的解决了吗？</Text>
      <Text className="ticket-hint">请您评价一下网格员的处理。</Text>
      <ChoiceButtons className="choice-grid rate-choices" itemClassName="choice" options={RATING_OPTIONS} selected={rating} onSelect={(v) => setRating(v as Rating)} />
      {rating === 'unsatisfied' ? <Text className="ticket-hint">选“不满意”，网格员会重新处理一次。</Text> : null}
      <TextBox label="想说的话（可以不写）" value={comment} max={TICKET_LIMITS.comment.max} placeholder="例如：谢谢网格员" onChange={setComment} />
      {state.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {state.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block loading={state.state === 'sending'} disabled={state.state === 'sending'} onClick={send}>
          提交评价
        </Button>
      </View>
    </View>
  );
}
