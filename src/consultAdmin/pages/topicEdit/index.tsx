/**
 * 议题 (staff; `?id=` a topic, none the form for a new one).
 *
 * New (`consult.create`): title, background, 同意/不同意/弃权 or several options, who votes (the whole
 * community, an estate, a building), the rule — 简单多数, or 民法典 第二百七十八条 with its item 1–9 and the
 * rule in words — and the three moments in China time. One requestId per form: a retried tap creates one topic.
 *
 * A topic: its phase, scope, period, rule text, live turnout by channel (households; never the split
 * by option before the result), and what may be done now — a proposal: 安排表决 (seconded: rule and
 * periods, `schedule`), 合并到另一个议题 or 不采纳 (with the reason the proposer reads); in discussion or
 * voting: 取消 (admin, reason); voting and counting: each building's paper (→ `tally`); counting:
 * 计票完成 (`finishCounting`, buildings without paper ticked 无纸质票); decided: the result by channel
 * and the checks, 公布结果 (with a note). Every step that cannot be undone is asked inside the card.
 * 留言: the topic's comments (`consult.comments`, newest first, 20 a page, 更早的留言 for the next), staff
 * reading every text; each has 隐藏… — a reason (2–200 characters, required) and a confirm inside the
 * card (`consult.hideComment`); residents then read "已隐藏：<reason>". A hidden one shows its reason
 * and may be hidden again with another reason.
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
import { whenText } from '../../../ui/time';
import { useBusyCall } from '../../../ui/useBusyCall';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import type { EstateOption } from '../../../account/api';
import type { CommentPage, CommentView, TopicCard, TopicView } from '../../../../cloudfunctions/consult/contract';
import { CONSULT_LIMITS as L } from '../../../../cloudfunctions/consult/limits';
import { CONSULT_ADMIN_URLS, charCount } from '../../labels';
import { PeriodFields, RuleField, defaultPeriods, periodInstants, type Periods, type RuleState } from '../../components/TopicFields';
import '../../../stall/stall.css';
import '../../consultAdmin.css';

export default function TopicEditPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  return <Page className="vendor-page consult-admin topic-edit">{id ? <TopicPanel id={id} /> : <CreateForm />}</Page>;
}

// ─── a new topic ───

interface Place {
  communityId: string;
  estates: EstateOption[];
}

async function loadPlaces(): Promise<CallResult<Place>> {
  const [me, all] = await Promise.all([call('account', 'me'), call('account', 'listEstates')]);
  if (!me.ok) return me;
  if (!all.ok) return all;
  const communityId = me.data.registered ? me.data.user.communityId : '';
  return { ok: true, data: { communityId, estates: all.data.filter((e) => e.communityId === communityId) } };
}

function CreateForm() {
  const places = useRemote(loadPlaces);
  const [title, setTitle] = useState('');
  const [background, setBackground] = useState('');
  const [kind, setKind] = useState<'yesNo' | 'choice'>('yesNo');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [scopeKind, setScopeKind] = useState<'community' | 'estate' | 'building'>('estate');
  const [estateId, setEstateId] = useState<string | null>(null);
  const [building, setBuilding] = useState<string | null>(null);
  const [rule, setRule] = useState<RuleState>({ rule: 'majority', item: null });
  const [periods, setPeriods] = useState<Periods>(defaultPeriods);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestId = useRef(newRequestId());
  const edit = () => {
    setError(null);
    requestId.current = newRequestId();
  };
  const estates = places.state === 'ok' ? places.data.estates : [];
  const estate = estates.find((e) => e.id === estateId) ?? null;

  const submit = async () => {
    if (busy) return;
    const labels = options.map((o) => o.trim()).filter(Boolean);
    const problem =
      charCount(title) < L.topicTitle.min
        ? `请写上议题（至少 ${L.topicTitle.min} 个字）`
        : charCount(background) < L.topicBackground.min
          ? `请把情况说明写清楚一些（至少 ${L.topicBackground.min} 个字）`
          : kind === 'choice' && labels.length < L.options.min
            ? `至少要有 ${L.options.min} 个选项`
            : scopeKind !== 'community' && !estateId
              ? '请选哪个小区的居民来投票'
              : scopeKind === 'building' && !building
                ? '请选哪栋楼'
                : rule.rule === 'civilCode' && !rule.item
                  ? '请选是第二百七十八条的第几项'
                  : null;
    if (problem) return setError(problem);
    const times = periodInstants(periods);
    if (typeof times === 'string') return setError(times);
    const scope = scopeKind === 'community' ? { kind: 'community' as const } : scopeKind === 'estate' ? { kind: 'estate' as const, estateId: estateId! } : { kind: 'building' as const, estateId: estateId!, building: building! };
    setBusy(true);
    setError(null);
    const r = await call('consult', 'create', {
      title: title.trim(),
      background: background.trim(),
      kind,
      ...(kind === 'choice' ? { options: labels } : {}),
      scope,
      rule: rule.rule,
      ...(rule.rule === 'civilCode' && rule.item ? { civilCodeItem: rule.item } : {}),
      ...times,
      requestId: requestId.current,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    Taro.redirectTo({ url: CONSULT_ADMIN_URLS.topicEdit(r.data.id) });
  };

  return (
    <View className="card topic-form">
      <Text className="title">新建议题</Text>
      <Text className="muted">由住户按户投票决定的事。发布后居民在“社区议事”里看到，到时间就能投票。</Text>
      <Text className="field-label">议题</Text>
      <Input className="v-input topic-title" value={title} maxlength={L.topicTitle.max} placeholder="比如：3号楼前空地安装充电桩" aria-label="议题" onInput={(e) => { setTitle(e.detail.value); edit(); }} />
      <Text className="field-label">情况说明</Text>
      <Textarea className="ca-textarea topic-background" value={background} maxlength={L.topicBackground.max} autoHeight placeholder="为什么要商量、在哪里、花多少钱、谁出钱" aria-label="情况说明" onInput={(e) => { setBackground(e.detail.value); edit(); }} />
      <Text className="field-label">怎么投</Text>
      <ChoiceButtons options={[{ value: 'yesNo', label: '同意 / 不同意 / 弃权' }, { value: 'choice', label: '几个选项里选一个' }]} selected={kind} onSelect={(v) => { setKind(v as 'yesNo' | 'choice'); if (v === 'choice') setRule({ rule: 'majority', item: null }); edit(); }} className="choice-grid topic-kind" itemClassName="choice choice-wide" />
      {kind === 'choice' ? (
        <View className="topic-options">
          {options.map((o, i) => (
            // eslint-disable-next-line react/no-array-index-key
            <View key={i} className="ca-option-row">
              <Input className="v-input topic-option" value={o} maxlength={L.optionLabel.max} placeholder={`第 ${i + 1} 个选项`} aria-label={`第 ${i + 1} 个选项`} onInput={(e) => { setOptions(options.map((x, j) => (j === i ? e.detail.value : x))); edit(); }} />
              {options.length > L.options.min ? (
                <Button size="small" onClick={() => setOptions(options.filter((_, j) => j !== i))}>
                  删掉
                </Button>
              ) : null}
            </View>
          ))}
          {options.length < L.options.max ? (
            <View className="actions">
              <Button size="large" block className="add-option" onClick={() => setOptions([...options, ''])}>
                加一个选项
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      <Text className="field-label">谁来投票</Text>
      <ChoiceButtons options={[{ value: 'community', label: '全社区' }, { value: 'estate', label: '一个小区' }, { value: 'building', label: '一栋楼' }]} selected={scopeKind} onSelect={(v) => { setScopeKind(v as typeof scopeKind); edit(); }} className="choice-grid topic-scope" itemClassName="choice" />
      {scopeKind !== 'community' ? (
        places.state === 'ok' ? (
          <ChoiceButtons options={estates.map((e) => ({ value: e.id, label: e.name }))} selected={estateId} onSelect={(v) => { setEstateId(v); setBuilding(null); edit(); }} className="choice-grid topic-estates" itemClassName="choice choice-wide" />
        ) : (
          <LoadingState text="正在读取小区…" />
        )
      ) : null}
      {scopeKind === 'building' && estate ? <ChoiceButtons options={estate.buildings.map((b) => ({ value: b, label: b }))} selected={building} onSelect={(v) => { setBuilding(v); edit(); }} className="choice-grid topic-buildings" itemClassName="choice" /> : null}
      <RuleField value={rule} onChange={(v) => { setRule(v); edit(); }} yesNo={kind === 'yesNo'} />
      <PeriodFields value={periods} onChange={(v) => { setPeriods(v); edit(); }} />
      {error ? (
        <Text className="v-notice topic-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="create-topic" loading={busy} disabled={busy} onClick={submit}>
          发布议题
        </Button>
      </View>
    </View>
  );
}

// ─── one topic ───

function TopicPanel({ id }: { id: string }) {
  const loader = useCallback(() => call('consult', 'topic', { topicId: id }), [id]);
  const t = useRemote(loader, [loader]);
  useReloadOnReturn(t.reload);
  if (t.state === 'loading') return <LoadingState />;
  if (t.state === 'error') return <ErrorState message={t.error.message} code={t.error.code} onRetry={t.reload} />;
  return <TopicBody t={t.data} reload={t.reload} />;
}

const CHANNELS: { key: 'wechat' | 'counter' | 'paper'; label: string }[] = [
  { key: 'wechat', label: '微信' },
  { key: 'counter', label: '柜台' },
  { key: 'paper', label: '纸质' },
];

function TopicBody({ t, reload }: { t: TopicView; reload: () => void }) {
  const tu = t.turnout;
  return (
    <View>
      <View className="card topic-head">
        <View className="name-line">
          <Text className="title">{t.title}</Text>
          <Tag type={t.phase === 'voting' ? 'success' : 'primary'}>{t.phaseLabel}</Tag>
        </View>
        <Text className="muted ca-block">投票范围：{t.scopeLabel}</Text>
        {t.discussFrom && t.voteFrom && t.voteUntil ? (
          <Text className="ca-facts">
            讨论 {whenText(t.discussFrom)} 起；投票 {whenText(t.voteFrom)} 至 {whenText(t.voteUntil)}
            {t.tallyUntil ? `；纸质票 ${whenText(t.tallyUntil)} 前录完` : ''}
          </Text>
        ) : null}
        {tu ? (
          <Text className="ca-turnout topic-turnout">
            已有 {tu.voted}
            {tu.electorate ? `/${tu.electorate}` : ''} 户投票（{CHANNELS.map((c) => `${c.label} ${tu.byChannel[c.key]}`).join(' · ')}）
          </Text>
        ) : null}
        {t.phase === 'proposed' || t.phase === 'seconded' ? <Text className="ca-facts">附议 {t.seconds.count}/{t.seconds.needed} 户</Text> : null}
        <Text className="muted ca-block">选项：{t.options.map((o) => o.label).join(' / ')}</Text>
        <Text className="muted ca-block topic-rule-text">{t.ruleText}</Text>
        {t.decline ? <Text className="ca-facts">未采纳：{t.decline.reason}</Text> : null}
        {t.cancelled ? <Text className="ca-facts">已取消：{t.cancelled.reason}</Text> : null}
        <Text className="muted ca-block topic-background-text">{t.background}</Text>
      </View>
      {t.result ? <ResultCard t={t} /> : null}
      {t.phase === 'seconded' ? <ScheduleCard t={t} onDone={reload} /> : null}
      {t.phase === 'proposed' || t.phase === 'seconded' ? <ProposalCard t={t} onDone={reload} /> : null}
      {(t.phase === 'voting' || t.phase === 'counting') && t.staff ? <PaperCard t={t} onDone={reload} /> : null}
      {t.phase === 'upcoming' || t.phase === 'discussion' || t.phase === 'voting' ? <CancelCard t={t} onDone={reload} /> : null}
      {t.phase === 'decided' ? <PublishCard t={t} onDone={reload} /> : null}
      {t.phase === 'proposed' || t.phase === 'seconded' || t.phase === 'upcoming' ? null : <CommentsCard topicId={t.id} />}
      {t.staff?.events.length ? (
        <View className="card topic-events">
          <Text className="subtitle">经过</Text>
          {t.staff.events.map((e, i) => (
            // eslint-disable-next-line react/no-array-index-key
            <Text key={i} className="muted ca-block">
              {whenText(e.at)} {e.note.includes(e.actorName) ? e.note : `${e.actorName} ${e.note}`}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function ResultCard({ t }: { t: TopicView }) {
  const r = t.result!;
  return (
    <View className="card topic-result">
      <Text className="subtitle">结果：{r.outcomeLabel}</Text>
      {r.totals.map((o) => (
        <Text key={o.key} className="ca-facts">
          {o.label}：{o.households} 户
        </Text>
      ))}
      <Text className="muted ca-block">
        参与 {r.households.voted}/{r.households.electorate} 户（{CHANNELS.map((c) => `${c.label} ${r.households.byChannel[c.key]}`).join(' · ')}）
        {r.byChannel.paper.blank || r.byChannel.paper.invalid ? `；纸质空白票 ${r.byChannel.paper.blank ?? 0}、废票 ${r.byChannel.paper.invalid ?? 0}` : ''}
      </Text>
      {r.checks.map((c) => (
        <Text key={c} className="muted ca-block">
          · {c}
        </Text>
      ))}
      <Text className="muted ca-block">{r.ruleText}</Text>
      {t.publishedAt ? <Text className="notice-ok ca-block">已公布（{whenText(t.publishedAt)}）{t.publishNote ? `：${t.publishNote}` : ''}</Text> : null}
    </View>
  );
}

function ScheduleCard({ t, onDone }: { t: TopicView; onDone: () => void }) {
  const [rule, setRule] = useState<RuleState>({ rule: t.rule, item: t.civilCodeItem });
  const [periods, setPeriods] = useState<Periods>(defaultPeriods);
  const { busy, error, setError, run } = useBusyCall(onDone);
  const submit = () => {
    const times = periodInstants(periods);
    if (typeof times === 'string') return setError({ code: 'CLIENT.FORM', message: times } as never);
    if (rule.rule === 'civilCode' && !rule.item) return setError({ code: 'CLIENT.FORM', message: '请选是第二百七十八条的第几项' } as never);
    return run(() =>
      call('consult', 'schedule', { topicId: t.id, rule: rule.rule, ...(rule.item ? { civilCodeItem: rule.item } : {}), discussFrom: times.discussFrom, voteFrom: times.voteFrom, voteUntil: times.voteUntil }),
    );
  };
  return (
    <View className="card schedule-card">
      <Text className="subtitle">附议够了：安排表决</Text>
      <RuleField value={rule} onChange={setRule} yesNo={t.kind === 'yesNo'} />
      <PeriodFields value={periods} onChange={setPeriods} />
      {error ? <Text className="v-notice">{error.message}</Text> : null}
      <View className="actions">
        <Button type="primary" size="large" block className="schedule-topic" loading={busy} disabled={busy} onClick={submit}>
          安排表决
        </Button>
      </View>
    </View>
  );
}

/** 合并 / 不采纳 a proposal, with the reason the proposer reads. */
function ProposalCard({ t, onDone }: { t: TopicView; onDone: () => void }) {
  const [open, setOpen] = useState<null | 'merge' | 'decline'>(null);
  const [reason, setReason] = useState('');
  const [into, setInto] = useState<string | null>(null);
  const targets = useRemote(async (): Promise<CallResult<TopicCard[]>> => {
    const [a, b] = await Promise.all([call('consult', 'topics', { status: 'open' }), call('consult', 'topics', { status: 'proposals' })]);
    if (!a.ok) return a;
    if (!b.ok) return b;
    return { ok: true, data: [...a.data.items, ...b.data.items].filter((x) => x.id !== t.id) };
  });
  const { busy, error, setError, run } = useBusyCall(onDone);
  const short = charCount(reason) < L.reason.min;
  const ask = (which: 'merge' | 'decline') => {
    setOpen(which);
    setError(null);
  };
  return (
    <View className="card proposal-card">
      <Text className="subtitle">处理这个提议</Text>
      {open === null ? (
        <View className="actions">
          <Button size="large" block className="merge-topic" onClick={() => ask('merge')}>
            和另一个议题合并…
          </Button>
          <Button size="large" block className="decline-topic" onClick={() => ask('decline')}>
            不采纳…
          </Button>
        </View>
      ) : (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">{open === 'merge' ? '合并到哪个议题？提议人会收到通知和原因。' : '不采纳这个提议？提议人会收到通知和原因。'}</Text>
          {open === 'merge' ? targets.state === 'ok' ? <ChoiceButtons options={targets.data.map((x) => ({ value: x.id, label: `${x.title}（${x.phaseLabel}）` }))} selected={into} onSelect={setInto} className="choice-grid merge-targets" itemClassName="choice choice-wide" /> : <LoadingState text="正在读取议题…" /> : null}
          <Input className="v-input proposal-reason" value={reason} maxlength={L.reason.max} placeholder={open === 'merge' ? '原因：比如 和“东门改造”是同一件事' : '原因：比如 这件事归市政管，已转告'} aria-label="原因" onInput={(e) => setReason(e.detail.value)} />
          {error ? <Text className="v-notice">{error.message}</Text> : null}
          <View className="actions">
            <Button
              size="large"
              block
              className={open === 'merge' ? 'merge-yes' : 'decline-yes'}
              loading={busy}
              disabled={busy}
              onClick={() =>
                short
                  ? setError({ code: 'CLIENT.FORM', message: `请写上原因（至少 ${L.reason.min} 个字），提议人会看到` } as never)
                  : open === 'merge'
                    ? into
                      ? run(() => call('consult', 'merge', { topicId: t.id, intoTopicId: into, reason: reason.trim() }))
                      : setError({ code: 'CLIENT.FORM', message: '请选合并到哪个议题' } as never)
                    : run(() => call('consult', 'decline', { topicId: t.id, reason: reason.trim() }))
              }
            >
              {open === 'merge' ? '确定合并' : '确定不采纳'}
            </Button>
            <Button size="large" block onClick={() => setOpen(null)}>
              再想想
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

function CancelCard({ t, onDone }: { t: TopicView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useBusyCall(onDone);
  return (
    <View className="card cancel-card">
      {open ? (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">取消这个议题？已经投的票都不再计算，也不会出结果。请写明原因，居民会看到：</Text>
          <Input className="v-input cancel-reason" value={reason} maxlength={L.reason.max} placeholder="比如：方案要改，重新征求意见" aria-label="取消原因" onInput={(e) => setReason(e.detail.value)} />
          {error ? <Text className="v-notice">{error.message}</Text> : null}
          <View className="actions">
            <Button size="large" block className="cancel-yes" loading={busy} disabled={busy} onClick={() => (charCount(reason) < L.reason.min ? setError({ code: 'CLIENT.FORM', message: `请写上原因（至少 ${L.reason.min} 个字）` } as never) : run(() => call('consult', 'cancel', { topicId: t.id, reason: reason.trim() })))}>
              确定取消议题
            </Button>
            <Button size="large" block onClick={() => setOpen(false)}>
              再想想
            </Button>
          </View>
        </View>
      ) : (
        <View className="actions">
          <Button size="large" block className="cancel-topic" onClick={() => setOpen(true)}>
            取消这个议题…
          </Button>
        </View>
      )}
    </View>
  );
}

/** Each building's paper (→ the tally page), and once counting, 计票完成 with the buildings that had no paper. */
function PaperCard({ t, onDone }: { t: TopicView; onDone: () => void }) {
  const buildings = t.staff!.buildings;
  const [noPaper, setNoPaper] = useState<string[]>([]);
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useBusyCall(() => {
    setAsking(false);
    onDone();
  });
  const key = (b: { estateId: string; building: string }) => `${b.estateId}|${b.building}`;
  const uncounted = buildings.filter((b) => b.tally?.state !== 'counted' && b.tally?.state !== 'none');
  const missing = uncounted.filter((b) => !noPaper.includes(key(b)));
  return (
    <View className="card paper-card">
      <Text className="subtitle">纸质票</Text>
      <Text className="muted">收回的纸质票按楼录入：先输房号，已在微信或柜台投过的户，它的纸质票要抽出来；再填各选项的张数。</Text>
      {buildings.map((b) => {
        const k = key(b);
        const counted = b.tally?.state === 'counted';
        return (
          <View key={k} className="ca-count-row paper-building" data-building={b.building}>
            <Text className="ca-count-label">
              {b.estateName} {b.building}
              {b.households != null ? `（${b.households} 户）` : ''}：{counted ? `已录 ${b.tally!.rooms.length} 张` : b.tally?.state === 'none' ? '无纸质票' : b.tally?.rooms.length ? `已收 ${b.tally.rooms.length} 户，待填票数` : '还没录'}
            </Text>
            <Button size="small" className="open-tally" onClick={() => Taro.navigateTo({ url: CONSULT_ADMIN_URLS.tally(t.id, b.estateId, b.building) })}>
              {counted ? '看 ›' : '录入 ›'}
            </Button>
          </View>
        );
      })}
      {t.phase === 'counting' ? (
        <View className="finish-counting">
          {uncounted.length ? (
            <>
              <Text className="field-label">这些楼没有收到纸质票（点一下标明）：</Text>
              <View className="choice-grid">
                {uncounted.map((b) => (
                  <Button key={key(b)} className={`choice no-paper ${noPaper.includes(key(b)) ? 'nut-button-primary' : ''}`} type={noPaper.includes(key(b)) ? 'primary' : 'default'} onClick={() => setNoPaper(noPaper.includes(key(b)) ? noPaper.filter((x) => x !== key(b)) : [...noPaper, key(b)])}>
                    {noPaper.includes(key(b)) ? '☑ ' : ''}
                    {b.building} 无纸质票
                  </Button>
                ))}
              </View>
            </>
          ) : null}
          {error ? <Text className="v-notice">{error.message}</Text> : null}
          {asking ? (
            <InlineConfirm
              text={`计票完成，马上出结果？出了结果就不能再录纸质票。${missing.length ? `还有 ${missing.map((b) => b.building).join('、')} 没录也没标明无纸质票。` : ''}`}
              yes="确定计票完成"
              yesClass="finish-yes"
              primary
              busy={busy}
              onYes={() => run(() => call('consult', 'finishCounting', { topicId: t.id, noPaperBuildings: buildings.filter((b) => noPaper.includes(key(b))).map((b) => ({ estateId: b.estateId, building: b.building })) }))}
              onNo={() => setAsking(false)}
            />
          ) : (
            <View className="actions">
              <Button type="primary" size="large" block className="finish-counting-button" onClick={() => setAsking(true)}>
                计票完成，出结果…
              </Button>
            </View>
          )}
        </View>
      ) : null}
    </View>
  );
}

function PublishCard({ t, onDone }: { t: TopicView; onDone: () => void }) {
  const [note, setNote] = useState(t.publishNote ?? '');
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useBusyCall(() => {
    setAsking(false);
    onDone();
  });
  if (t.publishedAt) return null;
  return (
    <View className="card publish-card">
      <Text className="subtitle">公布结果</Text>
      <Text className="muted">公布后结果挂到“社区议事”和问题挂牌上，范围里的住户都会收到消息。</Text>
      <Textarea className="ca-textarea publish-note" value={note} maxlength={L.publishNote} autoHeight placeholder="说明（可以不写）：比如 下一步由物业联系施工" aria-label="公布说明" onInput={(e) => setNote(e.detail.value)} />
      {error ? <Text className="v-notice">{error.message}</Text> : null}
      {asking ? (
        <InlineConfirm text="公布这个结果？公布后不能撤回。" yes="确定公布" yesClass="publish-yes" primary busy={busy} onYes={() => run(() => call('consult', 'publish', { topicId: t.id, ...(note.trim() ? { note: note.trim() } : {}) }))} onNo={() => setAsking(false)} />
      ) : (
        <View className="actions">
          <Button type="primary" size="large" block className="publish-topic" onClick={() => setAsking(true)}>
            公布结果…
          </Button>
        </View>
      )}
    </View>
  );
}

/** 留言: the topic's comments for staff (every text), each with 隐藏… (a reason, asked inside the card). */
function CommentsCard({ topicId }: { topicId: string }) {
  const [more, setMore] = useState<CommentView[]>([]);
  const [cursor, setCursor] = useState<CommentPage['nextCursor'] | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  /** comments hidden on this page since it loaded: commentId → the answer */
  const [changed, setChanged] = useState<Record<string, CommentView>>({});
  const first = useRemote(() => call('consult', 'comments', { topicId }), [topicId]);
  if (first.state === 'loading') {
    return (
      <View className="card topic-comments">
        <Text className="subtitle">留言</Text>
        <LoadingState text="正在读取留言…" />
      </View>
    );
  }
  if (first.state === 'error') {
    return (
      <View className="card topic-comments">
        <Text className="subtitle">留言</Text>
        <ErrorState message={first.error.message} code={first.error.code} onRetry={first.reload} />
      </View>
    );
  }
  const next = cursor === undefined ? first.data.nextCursor : cursor;
  const list = [...first.data.comments, ...more].map((c) => changed[c.commentId] ?? c);
  const loadMore = async () => {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    const r = await call('consult', 'comments', { topicId, before: next.before, beforeId: next.beforeId });
    setLoadingMore(false);
    if (!r.ok) return setMoreError(r.error.message);
    setMore([...more, ...r.data.comments]);
    setCursor(r.data.nextCursor);
    return undefined;
  };
  return (
    <View className="card topic-comments">
      <Text className="subtitle">留言（{list.length}{next ? '+' : ''} 条）</Text>
      <Text className="muted">居民留言前已过内容安全检查。不合适的（比如涉及别人隐私、骂人）可以隐藏，居民会看到“已隐藏：原因”，写留言的人自己仍看得到原文。</Text>
      {list.length === 0 ? <Text className="muted ca-block comments-empty">还没有留言。</Text> : null}
      {list.map((c) => (
        <CommentRow key={c.commentId} c={c} onHidden={(v) => setChanged({ ...changed, [v.commentId]: v })} />
      ))}
      {moreError ? <Text className="v-notice">{moreError}</Text> : null}
      {next ? (
        <View className="actions">
          <Button size="large" block className="more-comments" loading={loadingMore} disabled={loadingMore} onClick={loadMore}>
            更早的留言
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function CommentRow({ c, onHidden }: { c: CommentView; onHidden: (v: CommentView) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hide = async () => {
    if (busy) return;
    if (charCount(reason) < L.reason.min) return setError(`请写上隐藏的原因（至少 ${L.reason.min} 个字），居民会看到`);
    setBusy(true);
    setError(null);
    const r = await call('consult', 'hideComment', { commentId: c.commentId, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setOpen(false);
    setReason('');
    onHidden(r.data);
    return undefined;
  };
  return (
    <View className={c.hidden ? 'ca-comment hidden' : 'ca-comment'} data-comment={c.commentId}>
      <Text className="ca-comment-who">
        {c.authorLabel} · {whenText(c.at)}
      </Text>
      <Text className="ca-comment-text">{c.text}</Text>
      {c.hidden ? <Text className="ca-comment-hidden">居民看到的是：已隐藏：{c.hidden.reason}</Text> : null}
      {open ? (
        <View className="hide-comment-form">
          <Input className="v-input hide-reason" value={reason} maxlength={L.reason.max} placeholder="原因：比如 涉及邻居隐私" aria-label="隐藏原因" onInput={(e) => {
            setReason(e.detail.value);
            setError(null);
          }} />
          {error ? <Text className="v-notice" aria-live="assertive">{error}</Text> : null}
          <InlineConfirm text={c.hidden ? '换一个隐藏原因？居民会看到新的原因。' : '隐藏这条留言？居民会看到“已隐藏：”和上面写的原因。'} yes="确定隐藏" yesClass="hide-yes" busy={busy} onYes={hide} onNo={() => {
            setOpen(false);
            setError(null);
          }} />
        </View>
      ) : (
        <View className="ca-comment-actions">
          <Button size="small" className="hide-comment" onClick={() => setOpen(true)}>
            {c.hidden ? '改隐藏原因…' : '隐藏…'}
          </Button>
        </View>
      )}
    </View>
  );
}
