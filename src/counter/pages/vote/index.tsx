/**
 * The counter: 代表决 — a staff member casts a resident's household vote (channel `counter`) with the
 * resident's spoken consent. Lists the community's topics in discussion or voting whose scope holds
 * the resident's home (`consult.topicsFor`), each saying whether the household (户) already voted and
 * how — "这户已在微信投过票，可以帮他改票" / "这户还没投票" / a paper ballot, which cannot be changed
 * here — never its choice (docs/consultation-design.md §6). For a topic open for voting: its options
 * as large buttons, the owner declaration for civilCode topics, the consent tick, and the confirm
 * inside the card. The answer says only that the household voted (and whether this changed an
 * earlier vote). An unverified resident is sent back to the resident's page to verify first.
 *
 * Loaded by the resident's id: `account.getResident` and `consult.topicsFor`, at once.
 */
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ResidentCard } from '../../../account/api';
import type { CounterTopic } from '../../../../cloudfunctions/consult/contract';
import { call } from '../../../services/call';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { spokenConsentGiven } from '../../../../cloudfunctions/shared/vocabulary/consent';
import { Button } from '../../../ui/nutui';
import { Page, backToPage } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { whenText } from '../../../ui/time';
import { CHANNEL_LABELS, turnoutText, type VoteForAnswer } from '../../../consult/api';
import { VoteChoices } from '../../../consult/components/VoteChoices';
import '../../counter.css';
import '../../../consult/consult.css';

interface VoteData {
  resident: ResidentCard;
  topics: CounterTopic[];
}

/** What the counter may say of the household's vote on a topic (never the choice). */
export function householdVoteText(t: Pick<CounterTopic, 'householdVoted' | 'channel' | 'phase'>): string {
  if (t.householdVoted && t.channel === 'paper') return '这户已交纸质票，不能再投，也不能在这里改';
  if (t.householdVoted && t.channel) return `这户已在${CHANNEL_LABELS[t.channel]}投过票，可以帮他改票（以最后一次为准）`;
  return t.phase === 'voting' ? '这户还没投票' : '这户还没投票（还没到投票时间）';
}

export default function CounterVotePage() {
  const forId = decodeURIComponent(useRouter().params.for ?? '');
  const load = useCallback(async (): Promise<CallResult<VoteData>> => {
    const [resident, list] = await Promise.all([call('account', 'getResident', { residentId: forId }), call('consult', 'topicsFor', { residentId: forId })]);
    if (!resident.ok) return resident;
    if (!list.ok) return list;
    return { ok: true, data: { resident: resident.data, topics: list.data.items } };
  }, [forId]);
  const data = useRemote(load, [load]);
  const back = () => backToPage('counter/pages/resident/index', `/counter/pages/resident/index?id=${encodeURIComponent(forId)}`);

  if (data.state === 'loading') {
    return (
      <Page className="counter-vote">
        <LoadingState />
      </Page>
    );
  }
  if (data.state === 'error') {
    return (
      <Page className="counter-vote">
        <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} />
      </Page>
    );
  }
  const { resident, topics } = data.data;
  return (
    <Page className="counter-vote">
      <View className="card">
        <Text className="title">为 {resident.name} 代表决</Text>
        <Text className="muted">{resident.address}</Text>
        <Text className="muted">一户一票：这户家里谁在微信里投过，这里再投就是改票；交过纸质票的不能再投。</Text>
        {!resident.home ? <Text className="notice">{resident.name}还没有登记住址，登记后才能表决。</Text> : null}
        {!resident.verified ? (
          <View>
            <Text className="notice">{resident.name}的身份还没有核实，核实后才能表决。</Text>
            <View className="actions">
              <Button size="large" block onClick={back}>
                回去核实身份
              </Button>
            </View>
          </View>
        ) : null}
      </View>
      {topics.length === 0 ? <Text className="consult-empty">现在没有{resident.name}家可以表决的议题。</Text> : null}
      {topics.map((t) => (
        <TopicVote key={t.id} t={t} resident={resident} />
      ))}
      <View className="actions">
        <Button size="large" block onClick={back}>
          回到 {resident.name} 的页面
        </Button>
      </View>
    </Page>
  );
}

function TopicVote({ t, resident }: { t: CounterTopic; resident: ResidentCard }) {
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [done, setDone] = useState<VoteForAnswer | null>(null);
  const requestId = useRef(newRequestId());
  const cast = async (choice: string, ownerDeclared: boolean) => {
    if (busy) return;
    if (!consent) {
      setError({ code: 'CLIENT.FORM', message: '请先问居民是否同意由您代为表决，同意后点上面的按钮确认' });
      return;
    }
    setBusy(true);
    setError(null);
    const r = await call('consult', 'voteFor', { topicId: t.id, residentId: resident.id, choice, consent: spokenConsentGiven(), requestId: requestId.current, ...(t.rule === 'civilCode' ? { ownerDeclared } : {}) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    requestId.current = newRequestId();
    setDone(r.data);
  };
  const canCast = t.phase === 'voting' && t.channel !== 'paper' && (resident.verified || !t.votersMustBeVerified);
  const voted = done !== null || t.householdVoted;
  return (
    <View className="card counter-topic" data-topic={t.id}>
      <Text className="subtitle">{t.title}</Text>
      <Text className="muted">范围：{t.scopeLabel}</Text>
      {t.phase === 'voting' && t.voteUntil ? <Text className="muted">投票截止：{whenText(t.voteUntil)}</Text> : null}
      {t.phase === 'discussion' && t.voteFrom ? <Text className="muted">{t.phaseLabel}，{whenText(t.voteFrom)} 开始投票</Text> : null}
      {t.turnout ? <Text className="consult-turnout">{turnoutText(t.turnout)}</Text> : null}
      {done ? (
        <View>
          <Text className="vote-done counter-voted" aria-live="polite">
            {done.changed ? `已为${resident.name}家改票（以这次为准）` : `已为${resident.name}家投票`}
          </Text>
          <Text className="muted">选的什么只有居民自己知道，这里不显示。</Text>
        </View>
      ) : (
        <View>
          <Text className={voted ? 'household-voted voted' : 'household-voted'}>{householdVoteText(t)}</Text>
          {canCast ? (
            <View>
              <Text className="muted">请把选项念给居民听，按居民说的点。</Text>
              <View className="actions consent">
                <Button className="wrap-button vote-consent" size="large" block type={consent ? 'success' : 'default'} onClick={() => {
                  setConsent(!consent);
                  setError(null);
                }}>
                  {consent ? '☑ 居民已口头同意由我代为表决' : '☐ 已问过居民，他同意由我代为表决'}
                </Button>
              </View>
              <VoteChoices options={t.options} askOwner={t.rule === 'civilCode'} who={`${resident.name}家`} ownerWords="居民说他是本户业主或受业主委托" busy={busy} onCast={cast} castWords={t.householdVoted ? '确认改票' : '确认投票'} />
            </View>
          ) : null}
        </View>
      )}
      {error ? (
        <Text className="notice" aria-live="assertive">
          {error.message}
        </Text>
      ) : null}
    </View>
  );
}
