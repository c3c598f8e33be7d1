/**
 * The counter: 代表决 — a staff member casts a resident's household vote (channel `counter`) with the
 * resident's spoken consent. Lists the community's topics now open for voting whose scope holds the
 * resident's home (others are listed apart, greyed: the function refuses them with
 * `CONSULT.NOT_IN_SCOPE`); for one topic: its options as large buttons, the owner declaration for
 * civilCode topics, the consent tick, and the confirm inside the card. The answer says only that the
 * household voted (and whether this changed an earlier vote) — never its choice; the page never
 * shows the household's choice either (docs/consultation-design.md §6). An unverified resident is
 * sent back to the resident's page to verify first (`CONSULT.NOT_VERIFIED`).
 *
 * Loaded by the resident's id (`account.getResident`) and the topics (`consult.topics`, `consult.topic`).
 */
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ResidentCard } from '../../../account/api';
import { call } from '../../../services/call';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { spokenConsentGiven } from '../../../../cloudfunctions/shared/vocabulary/consent';
import { Button } from '../../../ui/nutui';
import { Page, backToPage } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { whenText } from '../../../ui/time';
import { turnoutText, type TopicView, type VoteForAnswer } from '../../../consult/api';
import { VoteChoices } from '../../../consult/components/VoteChoices';
import '../../counter.css';
import '../../../consult/consult.css';

interface VoteData {
  resident: ResidentCard;
  topics: TopicView[];
}

/** A building as people write it (`7号楼`, `7栋`, `７`) reduced to compare: digits folded, 号楼/栋/幢 dropped. */
const buildingKey = (b: string) => b.normalize('NFKC').trim().replace(/(号楼|号|栋|幢|楼)$/u, '');

/** True when the topic's scope holds the resident's home (the function checks it again). */
export function scopeHolds(t: Pick<TopicView, 'scope'>, home: ResidentCard['home']): boolean {
  if (t.scope.kind === 'community') return true;
  if (!home || home.estateId !== t.scope.estateId) return false;
  return t.scope.kind === 'estate' || buildingKey(t.scope.building) === buildingKey(home.building);
}

export default function CounterVotePage() {
  const forId = decodeURIComponent(useRouter().params.for ?? '');
  const load = useCallback(async (): Promise<CallResult<VoteData>> => {
    const [resident, list] = await Promise.all([call('account', 'getResident', { residentId: forId }), call('consult', 'topics', { status: 'open' })]);
    if (!resident.ok) return resident;
    if (!list.ok) return list;
    const voting = list.data.items.filter((t) => t.phase === 'voting');
    const views = await Promise.all(voting.map((t) => call('consult', 'topic', { topicId: t.id })));
    const failed = views.find((v) => !v.ok);
    if (failed && !failed.ok) return failed;
    return { ok: true, data: { resident: resident.data, topics: views.flatMap((v) => (v.ok ? [v.data] : [])) } };
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
  const mine = topics.filter((t) => scopeHolds(t, resident.home));
  const others = topics.filter((t) => !scopeHolds(t, resident.home));
  return (
    <Page className="counter-vote">
      <View className="card">
        <Text className="title">为 {resident.name} 代表决</Text>
        <Text className="muted">{resident.address}</Text>
        <Text className="muted">一户一票：这户家里谁在微信里投过，这里再投就是改票；交过纸质票的不能再投。</Text>
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
      {mine.length === 0 ? <Text className="consult-empty">现在没有{resident.name}家可以表决的议题。</Text> : null}
      {mine.map((t) => (
        <TopicVote key={t.id} t={t} resident={resident} />
      ))}
      {others.length ? (
        <View className="card">
          <Text className="subtitle">不在{resident.name}家范围内的议题</Text>
          {others.map((t) => (
            <Text key={t.id} className="consult-hint">
              {t.title}（{t.scopeLabel}）
            </Text>
          ))}
        </View>
      ) : null}
      <View className="actions">
        <Button size="large" block onClick={back}>
          回到 {resident.name} 的页面
        </Button>
      </View>
    </Page>
  );
}

function TopicVote({ t, resident }: { t: TopicView; resident: ResidentCard }) {
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
  return (
    <View className="card counter-topic" data-topic={t.id}>
      <Text className="subtitle">{t.title}</Text>
      <Text className="muted">范围：{t.scopeLabel}</Text>
      {t.voteUntil ? <Text className="muted">投票截止：{whenText(t.voteUntil)}</Text> : null}
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
          <Text className="muted">请把选项念给居民听，按居民说的点。</Text>
          <View className="actions consent">
            <Button className="wrap-button vote-consent" size="large" block type={consent ? 'success' : 'default'} onClick={() => {
              setConsent(!consent);
              setError(null);
            }}>
              {consent ? '☑ 居民已口头同意由我代为表决' : '☐ 已问过居民，他同意由我代为表决'}
            </Button>
          </View>
          <VoteChoices options={t.options} askOwner={t.rule === 'civilCode'} who={`${resident.name}家`} ownerWords="居民说他是本户业主或受业主委托" busy={busy} onCast={cast} />
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
