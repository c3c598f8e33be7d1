/**
 * One resident at the counter: who they are (verified or not, with a warning when another record
 * has the same name and address), their bookings (with the code shown large to read out or copy
 * onto a slip), check-in and cancel on their behalf, their places in line (候补, `waitlistFor`, with
 * 取消候补 asked inside the card: `leaveWaitlistFor`), and the entries to book a market place and
 * report a problem for them, and to vote (代表决) and give an opinion (代提意见) for them. Staff verify a resident's identity here, and link a resident's own
 * WeChat to a record made at the counter with the code the resident reads out, and bind a family member's
 * WeChat to the resident (绑定家人, issue 22: src/counter/components/FamilyCard.tsx) or undo it (解除).
 *
 * The page is opened by the resident's id alone; what it shows and acts on is the resident's record
 * (`account.getResident`), never a name from the URL.
 */
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { ResidentCard } from '../../../account/api';
import type { MarketDaySummary } from '../../../market/api';
import { BookingList } from '../../../market/components/BookingList';
import { call } from '../../../services/call';
import type { CallError, CallResult } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import type { BookingView, WaitlistView } from '../../../market/api';
import { WaitlistCard } from '../../../market/components/WaitlistCard';
import { whoWillHelp, type TicketView } from '../../../ticket/api';
import { DuplicateWarning, VerifiedTag } from '../../components/ResidentFlags';
import { FamilyCard } from '../../components/FamilyCard';
import '../../counter.css';
import '../../../market/market.css';

interface ResidentData {
  card: ResidentCard;
  bookings: BookingView[];
  waitlist: WaitlistView[];
  days: MarketDaySummary[];
  tickets: TicketView[];
}

type Action = { state: 'idle' } | { state: 'asking' } | { state: 'sending' } | { state: 'failed'; error: CallError };

const openResident = (id: string) => Taro.navigateTo({ url: `/counter/pages/resident/index?id=${encodeURIComponent(id)}` });

export default function CounterResidentPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const load = useCallback(async (): Promise<CallResult<ResidentData>> => {
    const [card, bookings, waitlist, days, tickets] = await Promise.all([
      call('account', 'getResident', { residentId: id }),
      call('market', 'bookingsFor', { residentId: id }),
      call('market', 'waitlistFor', { residentId: id }),
      call('market', 'listMarketDays'),
      call('ticket', 'ticketsFor', { residentId: id }),
    ]);
    if (!card.ok) return card;
    if (!bookings.ok) return bookings;
    if (!waitlist.ok) return waitlist;
    if (!days.ok) return days;
    if (!tickets.ok) return tickets;
    return { ok: true, data: { card: card.data, bookings: bookings.data, waitlist: waitlist.data, days: days.data.days, tickets: tickets.data } };
  }, [id]);
  const data = useRemote(load, [load]);
  useReloadOnReturn(data.reload);
  const [notice, setNotice] = useState('');
  // 取消候补: the place being asked about, and the one whose call runs
  const [leaving, setLeaving] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [waitError, setWaitError] = useState('');
  useClearOnLeave(() => {
    setNotice('');
    setLeaving(null);
    setWaitError('');
  });
  const done = (message: string) => {
    setNotice(message);
    data.reload();
  };

  if (data.state === 'loading') {
    return (
      <Page className="counter-resident">
        <LoadingState />
      </Page>
    );
  }
  if (data.state === 'error') {
    return (
      <Page className="counter-resident">
        <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} />
      </Page>
    );
  }
  const { card, days, tickets, bookings, waitlist } = data.data;
  const name = card.name;
  const leaveLine = async (e: WaitlistView) => {
    setBusy(e.id);
    const r = await call('market', 'leaveWaitlistFor', { residentId: card.id, entryId: e.id });
    setBusy(null);
    setLeaving(null);
    if (r.ok) done(`已为${name}取消候补：${e.eventId ? '活动：' : ''}${e.serviceName} ${e.dateLabel} ${e.slotLabel}`);
    else {
      setWaitError(r.error.message);
      data.reload();
    }
  };
  const bookFor = (day: MarketDaySummary) =>
    Taro.navigateTo({ url: `/market/pages/day/index?id=${encodeURIComponent(day.id)}&for=${encodeURIComponent(card.id)}` });

  return (
    <Page className="counter-resident">
      <View className="card">
        <View className="name-line">
          <Text className="title">
            {name}
            {card.called ? `（${card.called}）` : ''}
          </Text>
          <VerifiedTag verified={card.verified} />
        </View>
        <Text className="muted">{card.address}</Text>
        <Text className="muted resident-wechat">{card.hasWeChat ? '已关联微信，自己能在手机上办' : '还没有关联微信：由工作人员代办，预约码请抄给居民'}</Text>
        <Text className="muted">{card.hasPhone ? `电话 ${card.phoneMasked}` : '没有登记电话'}</Text>
        <DuplicateWarning duplicates={card.duplicateOf} list onOpen={openResident} />
        {notice ? (
          <Text className="notice-ok counter-done" aria-live="polite">
            {notice}
          </Text>
        ) : null}
      </View>
      {card.verified ? null : <VerifyCard card={card} onDone={done} />}
      {card.hasWeChat ? null : <LinkWeChatCard card={card} onDone={done} />}
      <FamilyCard card={card} />
      <View className="card">
        <Text className="subtitle">代为预约集市服务</Text>
        {days.length === 0 ? <Text className="muted">暂时没有可以预约的集市</Text> : null}
        <View className="actions">
          {days.map((d, i) => (
            <Button key={d.id} type={i === 0 ? 'primary' : 'default'} size="large" block onClick={() => bookFor(d)}>
              <Text className="button-label">
                为{name}预约 <Text className="nowrap">{d.dateLabel}</Text>
              </Text>
            </Button>
          ))}
        </View>
      </View>
      <View className="card events-counter">
        <Text className="subtitle">代报名社区活动</Text>
        <Text className="muted">文艺演出、义诊、宣讲……居民口头同意后代为报名</Text>
        <View className="actions">
          <Button size="large" block className="open-events-for" onClick={() => Taro.navigateTo({ url: `/events/pages/list/index?for=${encodeURIComponent(card.id)}` })}>
            为{name}报名活动
          </Button>
        </View>
      </View>
      <View className="card">
        <Text className="subtitle">代为反映问题</Text>
        <Text className="muted">邻里纠纷、楼道杂物、设施损坏……转给网格员处理</Text>
        <View className="actions">
          <Button size="large" block onClick={() => Taro.navigateTo({ url: `/counter/pages/report/index?for=${encodeURIComponent(card.id)}` })}>
            为{name}反映问题
          </Button>
        </View>
        {tickets.map((t) => (
          <View key={t.id} className="ticket-card">
            <Text className="confirm-line">
              {t.categoryLabel} · {t.statusLabel}
            </Text>
            <Text className="muted">{t.text}</Text>
            {t.spot ? <Text className="muted">地点：{t.spot}</Text> : null}
            <Text className="muted">
              {whoWillHelp(t)}
              {t.assisted ? ` · 由 ${t.actorName} 代为反映` : ''}
            </Text>
          </View>
        ))}
      </View>
      <View className="card consult-counter">
        <Text className="subtitle">社区议事</Text>
        <Text className="muted">替居民投票（一户一票），或把居民的意见建议记下来交给社区</Text>
        <View className="actions">
          <Button size="large" block className="open-vote-for" onClick={() => Taro.navigateTo({ url: `/counter/pages/vote/index?for=${encodeURIComponent(card.id)}` })}>
            代表决
          </Button>
          <Button size="large" block className="open-opinion-for" onClick={() => Taro.navigateTo({ url: `/counter/pages/opinion/index?for=${encodeURIComponent(card.id)}` })}>
            代提意见
          </Button>
          <Button size="large" block className="open-errand-for" onClick={() => Taro.navigateTo({ url: `/errands/pages/request/index?for=${encodeURIComponent(card.id)}` })}>
            代提交代缴代办
          </Button>
        </View>
      </View>
      <Text className="subtitle counter-section">{name}的预约</Text>
      {bookings.length === 0 && waitlist.length === 0 ? <Text className="muted">还没有预约</Text> : null}
      <BookingList bookings={bookings} reload={data.reload} counter />
      {waitlist.length > 0 ? (
        <View className="waitlist-section counter-waitlist">
          <Text className="subtitle waitlist-title">{name}的候补（{waitlist.length}）</Text>
          {waitError ? (
            <Text className="notice" aria-live="assertive">
              {waitError}
            </Text>
          ) : null}
          {waitlist.map((e) => (
            <WaitlistCard
              key={e.id}
              entry={e}
              forName={name}
              busy={busy === e.id}
              confirming={leaving === e.id}
              onLeave={(x) => {
                setWaitError('');
                setLeaving(x.id);
              }}
              onConfirmLeave={leaveLine}
              onKeep={() => setLeaving(null)}
            />
          ))}
        </View>
      ) : null}
    </Page>
  );
}

/** 核实身份: staff check the resident's papers in person, then confirm inside the card (no pop-up). */
function VerifyCard({ card, onDone }: { card: ResidentCard; onDone: (message: string) => void }) {
  const [action, setAction] = useState<Action>({ state: 'idle' });
  useClearOnLeave(() => setAction((a) => (a.state === 'failed' || a.state === 'asking' ? { state: 'idle' } : a)));
  const verify = async () => {
    setAction({ state: 'sending' });
    const r = await call('account', 'verifyResident', { residentId: card.id });
    if (r.ok) onDone(`已核实${card.name}的身份`);
    else setAction({ state: 'failed', error: r.error });
  };
  return (
    <View className="card verify-card">
      <Text className="subtitle">核实身份</Text>
      <Text className="muted">{card.name}的身份还没有核实（自己在微信里登记的居民都要核实）。请当面核对身份证或户口本，确认是本人。</Text>
      {action.state === 'asking' || action.state === 'sending' ? (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">已经当面核对过{card.name}的证件，确认是本人？</Text>
          <View className="actions">
            <Button type="primary" size="large" block loading={action.state === 'sending'} disabled={action.state === 'sending'} onClick={verify}>
              确认核实
            </Button>
            <Button size="large" block onClick={() => setAction({ state: 'idle' })}>
              先不核实
            </Button>
          </View>
        </View>
      ) : (
        <View className="actions">
          <Button size="large" block onClick={() => setAction({ state: 'asking' })}>
            核实身份
          </Button>
        </View>
      )}
      {action.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {action.error.message}
        </Text>
      ) : null}
    </View>
  );
}

/** 关联居民的微信: the resident reads out the code their own WeChat shows; staff enter it. */
function LinkWeChatCard({ card, onDone }: { card: ResidentCard; onDone: (message: string) => void }) {
  const [code, setCode] = useState('');
  const [action, setAction] = useState<Action>({ state: 'idle' });
  useClearOnLeave(() => setAction((a) => (a.state === 'failed' ? { state: 'idle' } : a)));
  const link = async () => {
    if (action.state === 'sending') return;
    const typed = code.replace(/\s+/g, '').toUpperCase();
    if (typed.length !== 6) {
      setAction({ state: 'failed', error: { code: 'CLIENT.FORM', message: '请输入居民手机上显示的 6 位号码' } });
      return;
    }
    setAction({ state: 'sending' });
    const r = await call('account', 'confirmLink', { residentId: card.id, code: typed });
    if (r.ok) onDone(`已关联${card.name}的微信：以后用自己的微信就能看到预约`);
    else setAction({ state: 'failed', error: r.error });
  };
  return (
    <View className="card link-card">
      <Text className="subtitle">关联居民的微信</Text>
      <Text className="muted">请居民用自己的微信打开解忧铺，在首页点“获取关联号码”，把号码念给您。请确认是本人的手机。</Text>
      <Text className="field-label">居民念的号码（6 位）</Text>
      <Input
        className="counter-input link-code-input"
        value={code}
        maxlength={8}
        placeholder="例如：K7M4QX"
        aria-label="居民念的号码"
        onInput={(e) => {
          setCode(e.detail.value.toUpperCase());
          // a new code: the problem with the last one no longer applies
          if (action.state === 'failed') setAction({ state: 'idle' });
        }}
        onConfirm={link}
      />
      {action.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {action.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button size="large" block loading={action.state === 'sending'} disabled={action.state === 'sending'} onClick={link}>
          关联居民的微信
        </Button>
      </View>
    </View>
  );
}
