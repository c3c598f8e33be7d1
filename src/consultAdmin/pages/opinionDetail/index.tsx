/**
 * 处理意见 (staff; `?id=`): one opinion — the words, who gave it (phone masked), where it came from,
 * the reply deadline (已逾期 in words), its steps — and what staff may do now (the function's
 * `actions`): 受理; 已解决 (what was done and the day it was done); 答复 (the reply and why it cannot be
 * done: not counted as resolved); 转工单 (`ticket.fileCase` with `opinionId`: category and place, the
 * words prefilled; then the link to the ticket on the desk). Each asked inside the card; the giver is
 * told by the function.
 */
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { call } from '../../../services/call';
import { newRequestId, type CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button, Tag } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { dayText, localDate, whenText } from '../../../ui/time';
import { useBusyCall } from '../../../ui/useBusyCall';
import { useRemote } from '../../../ui/useRemote';
import { CategoryChoice } from '../../../ticket/components/CategoryChoice';
import type { TicketCategory } from '../../../ticket/api';
import type { EstateOption } from '../../../account/api';
import type { StaffOpinionView } from '../../../../cloudfunctions/consult/contract';
import { CONSULT_LIMITS as L } from '../../../../cloudfunctions/consult/limits';
import { TICKET_LIMITS } from '../../../../cloudfunctions/ticket/limits';
import { charCount, deskTicketUrl } from '../../labels';
import '../../../stall/stall.css';
import '../../../ticket/ticket.css';
import '../../consultAdmin.css';

async function load(id: string): Promise<CallResult<StaffOpinionView>> {
  const r = await call('consult', 'opinion', { opinionId: id });
  if (!r.ok) return r;
  if (r.data.audience !== 'staff') return { ok: false, error: { code: 'COMMON.FORBIDDEN', message: '这是给网格员和社区管理员处理意见的页面' } };
  return { ok: true, data: r.data };
}

export default function OpinionDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const loader = useCallback(() => load(id), [id]);
  const o = useRemote(loader, [loader]);
  return (
    <Page className="vendor-page consult-admin opinion-detail">
      {o.state === 'loading' ? <LoadingState /> : null}
      {o.state === 'error' ? <ErrorState message={o.error.message} code={o.error.code} onRetry={o.reload} /> : null}
      {o.state === 'ok' ? <Detail o={o.data} reload={o.reload} /> : null}
    </Page>
  );
}

type Open = null | 'accept' | 'resolve' | 'answer' | 'ticket';

function Detail({ o, reload }: { o: StaffOpinionView; reload: () => void }) {
  const [open, setOpen] = useState<Open>(null);
  const { busy, error, setError, run } = useBusyCall(() => {
    setOpen(null);
    reload();
  });
  const [what, setWhat] = useState('');
  const [when, setWhen] = useState(localDate(0));
  const [reply, setReply] = useState('');
  const [reason, setReason] = useState('');
  const choose = (which: Open) => {
    setOpen(which);
    setError(null);
  };
  const local = (message: string) => setError({ code: 'CLIENT.FORM', message } as never);
  const final = o.status === 'resolved' || o.status === 'answered';
  return (
    <View>
      <View className="card opinion-card">
        <View className="name-line">
          <Text className="title">意见建议</Text>
          <Tag type={o.status === 'resolved' ? 'success' : o.status === 'open' ? 'danger' : 'primary'}>{o.statusLabel}</Tag>
        </View>
        <Text className="ca-facts opinion-words">{o.text}</Text>
        {o.place ? <Text className="muted ca-block">地点：{o.place}</Text> : null}
        <Text className="muted ca-block">
          {o.sourceLabel} · {o.giver.name}
          {o.giver.phoneMasked ? ` · ${o.giver.phoneMasked}` : ''} · {whenText(o.createdAt)}
        </Text>
        {o.actorName ? <Text className="muted ca-block">记录人：{o.actorName}</Text> : null}
        {!final && o.status !== 'ticketed' ? <Text className={o.overdue ? 'ca-block ca-overdue opinion-due' : 'muted ca-block opinion-due'}>{o.overdue ? `已逾期：应在 ${dayText(o.dueDate)} 前答复` : `请在 ${dayText(o.dueDate)} 前答复`}</Text> : null}
        {o.resolution ? (
          <Text className="ca-facts">
            已解决（{dayText(o.resolution.when)}）：{o.resolution.what}
          </Text>
        ) : null}
        {o.reply ? (
          <Text className="ca-facts">
            答复：{o.reply.text}（原因：{o.reply.reason}）
          </Text>
        ) : null}
        {o.rating ? <Text className="ca-facts">居民评价：{o.rating.ratingLabel}{o.rating.comment ? `，${o.rating.comment}` : ''}</Text> : null}
        {o.ticketId ? (
          <View className="actions">
            <Button size="large" block className="open-ticket" onClick={() => Taro.navigateTo({ url: deskTicketUrl(o.ticketId!) })}>
              看转成的工单 ›
            </Button>
          </View>
        ) : null}
      </View>

      {/* open === 'ticket' keeps 转工单's answer (已转成工单 + 看这个工单) on show after the reload that ends fileCase */}
      {o.actions.accept || o.actions.resolve || o.actions.answer || o.actions.fileCase || open === 'ticket' ? (
        <View className="card opinion-actions">
          <Text className="subtitle">怎么处理</Text>
          {error && open === null ? <Text className="v-notice">{error.message}</Text> : null}
          {o.actions.accept ? (
            open === 'accept' ? (
              <InlineConfirm text="受理这条意见？居民会看到“社区已受理”。" yes="确定受理" yesClass="accept-yes" primary busy={busy} onYes={() => run(() => call('consult', 'acceptOpinion', { opinionId: o.id }))} onNo={() => choose(null)} />
            ) : (
              <View className="actions">
                <Button type="primary" size="large" block className="accept-opinion" onClick={() => choose('accept')}>
                  受理…
                </Button>
              </View>
            )
          ) : null}
          {o.actions.resolve ? (
            open === 'resolve' ? (
              <View className="inline-confirm resolve-form">
                <Text className="inline-confirm-text">办好了？写下做了什么、哪天办好的，居民会收到。</Text>
                <Textarea className="ca-textarea resolve-what" value={what} maxlength={L.resolutionWhat.max} autoHeight placeholder="比如：已请物业换了路灯" aria-label="做了什么" onInput={(e) => setWhat(e.detail.value)} />
                <ChoiceButtons options={[{ value: localDate(0), label: '今天办好的' }, { value: localDate(-1), label: '昨天' }, { value: localDate(-2), label: '前天' }]} selected={when} onSelect={setWhen} className="choice-grid resolve-when" itemClassName="choice" />
                {error ? <Text className="v-notice">{error.message}</Text> : null}
                <View className="actions">
                  <Button type="primary" size="large" block className="resolve-yes" loading={busy} disabled={busy} onClick={() => (charCount(what) < L.resolutionWhat.min ? local(`请写上做了什么（至少 ${L.resolutionWhat.min} 个字）`) : run(() => call('consult', 'resolveOpinion', { opinionId: o.id, what: what.trim(), when })))}>
                    确定已解决
                  </Button>
                  <Button size="large" block onClick={() => choose(null)}>
                    再想想
                  </Button>
                </View>
              </View>
            ) : (
              <View className="actions">
                <Button size="large" block className="resolve-opinion" onClick={() => choose('resolve')}>
                  已解决…
                </Button>
              </View>
            )
          ) : null}
          {o.actions.fileCase || open === 'ticket' ? (
            open === 'ticket' ? (
              <ToTicket o={o} onCancel={() => choose(null)} onDone={reload} />
            ) : (
              <View className="actions">
                <Button size="large" block className="to-ticket" onClick={() => choose('ticket')}>
                  转工单…
                </Button>
              </View>
            )
          ) : null}
          {o.actions.answer ? (
            open === 'answer' ? (
              <View className="inline-confirm answer-form">
                <Text className="inline-confirm-text">办不了的，要答复居民并说明原因（不算已解决）。</Text>
                <Textarea className="ca-textarea answer-text" value={reply} maxlength={L.replyText.max} autoHeight placeholder="答复：比如 这段路归市政管，已经转告" aria-label="答复" onInput={(e) => setReply(e.detail.value)} />
                <Input className="v-input answer-reason" value={reason} maxlength={L.replyReason.max} placeholder="原因：比如 不属于社区管的范围" aria-label="原因" onInput={(e) => setReason(e.detail.value)} />
                {error ? <Text className="v-notice">{error.message}</Text> : null}
                <View className="actions">
                  <Button size="large" block className="answer-yes" loading={busy} disabled={busy} onClick={() => (charCount(reply) < L.replyText.min || charCount(reason) < L.replyReason.min ? local('请写上答复和原因') : run(() => call('consult', 'answerOpinion', { opinionId: o.id, text: reply.trim(), reason: reason.trim() })))}>
                    确定答复
                  </Button>
                  <Button size="large" block onClick={() => choose(null)}>
                    再想想
                  </Button>
                </View>
              </View>
            ) : (
              <View className="actions">
                <Button size="large" block className="answer-opinion" onClick={() => choose('answer')}>
                  办不了，答复居民…
                </Button>
              </View>
            )
          ) : null}
        </View>
      ) : null}

      <View className="card opinion-steps">
        <Text className="subtitle">经过</Text>
        {o.steps.map((s, i) => (
          // eslint-disable-next-line react/no-array-index-key
          <View key={i} className="ca-opinion">
            <Text className="ca-block v-line">
              {whenText(s.at)} {s.title}
              {s.actorName ? `（${s.actorName}）` : ''}
            </Text>
            {s.note ? <Text className="muted ca-block">{s.note}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  );
}

/** 转工单: the ticket's category and place, the words prefilled from the opinion; `ticket.fileCase` with `opinionId`. */
function ToTicket({ o, onCancel, onDone }: { o: StaffOpinionView; onCancel: () => void; onDone: () => void }) {
  // the estates of the caller's community (listEstates answers every community's)
  const estates = useRemote(async (): Promise<CallResult<EstateOption[]>> => {
    const [me, all] = await Promise.all([call('account', 'me'), call('account', 'listEstates')]);
    if (!me.ok) return me;
    if (!all.ok) return all;
    const communityId = me.data.registered ? me.data.user.communityId : '';
    return { ok: true, data: all.data.filter((e) => e.communityId === communityId) };
  });
  const [category, setCategory] = useState<TicketCategory | null>(null);
  const [estateId, setEstateId] = useState<string | null>(null);
  const [building, setBuilding] = useState<string | null>(null);
  const [text, setText] = useState(o.text.slice(0, TICKET_LIMITS.text.max));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const requestId = useRef(newRequestId());
  const list: EstateOption[] = estates.state === 'ok' ? estates.data : [];
  const estate = list.find((e) => e.id === estateId) ?? null;
  const send = async () => {
    if (busy) return;
    if (!category) return setError('请选一个问题类别');
    if (!estateId) return setError('请选问题在哪个小区');
    if (charCount(text) < TICKET_LIMITS.text.min) return setError(`请把问题写清楚一些（至少 ${TICKET_LIMITS.text.min} 个字）`);
    setBusy(true);
    setError(null);
    const r = await call('ticket', 'fileCase', { source: o.source === 'meeting' ? 'organisationDiscussion' : 'selfFound', category, text: text.trim(), where: { estateId, ...(building ? { building } : {}) }, opinionId: o.id, requestId: requestId.current });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setTicketId(r.data.id);
    onDone();
  };
  if (ticketId) {
    return (
      <View className="notice-ok ticket-filed" aria-live="polite">
        <Text className="ca-block">已转成工单，排进了网格的“等您受理”。工单办结后，这条意见自动变成已解决。</Text>
        <View className="actions">
          <Button type="primary" size="large" block className="open-new-ticket" onClick={() => Taro.navigateTo({ url: deskTicketUrl(ticketId) })}>
            看这个工单 ›
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="inline-confirm ticket-form">
      <Text className="inline-confirm-text">转成工单，由网格员去办。选好类别和地方：</Text>
      <CategoryChoice className="choice-grid" itemClassName="choice" selected={category} onSelect={setCategory} />
      {list.length ? <ChoiceButtons className="choice-grid ticket-estates" itemClassName="choice" options={list.map((e) => ({ value: e.id, label: e.name }))} selected={estateId} onSelect={(v) => { setEstateId(v); setBuilding(null); }} /> : null}
      {estate ? <ChoiceButtons className="choice-grid ticket-buildings" itemClassName="choice" options={[...estate.buildings.map((b) => ({ value: b, label: b })), { value: '', label: '小区公共地方' }]} selected={building ?? ''} onSelect={(b) => setBuilding(b || null)} /> : null}
      <Textarea className="ca-textarea ticket-text" value={text} maxlength={TICKET_LIMITS.text.max} autoHeight aria-label="工单内容" onInput={(e) => setText(e.detail.value)} />
      {error ? <Text className="v-notice ticket-error">{error}</Text> : null}
      <View className="actions">
        <Button type="primary" size="large" block className="ticket-yes" loading={busy} disabled={busy} onClick={send}>
          确定转工单
        </Button>
        <Button size="large" block onClick={onCancel}>
          再想想
        </Button>
      </View>
    </View>
  );
}
