/**
 * One topic (议题), for a resident of the community: what it is about (看说明 collapsed when long),
 * the options, the voting period in China time and the live turnout by channel ("已有 86 户投票（微信
 * 60 · 柜台 12 · 纸质 14）" — households, never options); while voting, the household's vote as
 * full-width buttons → "确认：您家选 同意" inside the card → "已投票，截止前可以改" (a household member sees
 * the household's choice, to change it; nobody else does). civilCode topics ask "我是本户业主或受业主委托".
 * A proposal shows its seconds and 附议; a decided topic its split per channel and the rule's text;
 * discussion (comments, and a box to write one while discussing or voting) at the bottom.
 * Loaded by id (`consult.topic`); a topic this person may not see is "not found".
 */
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../../services/call';
import { newRequestId, type CallError } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { LoadingState, NotFoundState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { TextBox, charCount } from '../../../ticket/components/TextBox';
import { CONSULT_LIMITS } from '../../../../cloudfunctions/consult/limits';
import { whenText } from '../../../ui/time';
import { periodText, turnoutText, type CommentPage, type CommentView, type TopicView } from '../../api';
import { ConsultErrorState, ConsultPage } from '../../components/ConsultPage';
import { TopicResult } from '../../components/TopicResult';
import { VoteChoices } from '../../components/VoteChoices';

/** Background longer than this is collapsed behind 看说明. */
const SHORT_BACKGROUND = 80;

export default function TopicPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const load = useCallback(() => call('consult', 'topic', { topicId: id }), [id]);
  const got = useRemote(load, [load]);
  useReloadOnReturn(got.reload);
  const [topic, setTopic] = useState<TopicView | null>(null);
  const loaded = got.state === 'ok' ? got.data : null;
  useEffect(() => setTopic(loaded), [loaded]);
  return (
    <ConsultPage className="consult-topic">
      {!id ? <NotFoundState text="没有找到这个议题。" /> : null}
      {id && got.state === 'loading' ? <LoadingState /> : null}
      {id && got.state === 'error' ? <ConsultErrorState error={got.error} onRetry={got.reload} /> : null}
      {topic ? <Topic t={topic} onChange={setTopic} /> : null}
    </ConsultPage>
  );
}

function Topic({ t, onChange }: { t: TopicView; onChange: (t: TopicView) => void }) {
  const [more, setMore] = useState(false);
  const [rules, setRules] = useState(false);
  const long = t.background.length > SHORT_BACKGROUND;
  return (
    <View>
      <View className="card topic-head">
        <Text className={`consult-phase phase-${t.phase}`}>{t.phaseLabel}</Text>
        <Text className="title topic-title">{t.title}</Text>
        <Text className="consult-line">范围：{t.scopeLabel}</Text>
        {t.voteFrom && t.voteUntil ? <Text className="consult-line topic-period">投票时间：{periodText(t.voteFrom, t.voteUntil)}</Text> : null}
        {t.turnout && (t.phase === 'voting' || t.phase === 'counting') ? <Text className="consult-turnout">{turnoutText(t.turnout)}</Text> : null}
        <Text className="consult-text topic-background">{long && !more ? `${t.background.slice(0, SHORT_BACKGROUND)}…` : t.background}</Text>
        {long ? (
          <View className="actions">
            <Button size="large" block className="topic-more" onClick={() => setMore(!more)}>
              {more ? '收起说明' : '看说明'}
            </Button>
          </View>
        ) : null}
        {t.phase !== 'voting' && t.options.length ? <Text className="consult-line">选项：{t.options.map((o) => o.label).join(' / ')}</Text> : null}
        {t.rule === 'civilCode' && t.phase !== 'decided' ? (
          // the article's thresholds are long (about 12 lines in elder mode): one line, the whole text on a tap
          <View>
            <Text className="consult-hint">{rules ? t.ruleText : '这件事按民法典第二百七十八条的户数条件统计，结果供业主大会参考。'}</Text>
            <View className="actions">
              <Button size="large" block className="topic-rules" onClick={() => setRules(!rules)}>
                {rules ? '收起表决规则' : '看表决规则'}
              </Button>
            </View>
          </View>
        ) : null}
      </View>
      {t.phase === 'voting' ? <VoteCard t={t} onChange={onChange} /> : null}
      {t.phase === 'counting' ? (
        <View className="card">
          <Text className="subtitle">投票已结束，正在计票</Text>
          {t.myVote ? <Text className="vote-mine">{myVoteText(t)}</Text> : null}
          <Text className="consult-hint">纸质票正在清点，结果出来后会在这里和社区议事里公布。</Text>
        </View>
      ) : null}
      {t.phase === 'upcoming' ? (
        <View className="card">
          <Text className="subtitle">还没开始</Text>
          <Text className="consult-line">{t.discussFrom ? `${whenText(t.discussFrom)} 开始讨论` : ''}{t.voteFrom ? `，${whenText(t.voteFrom)} 开始投票` : ''}。</Text>
        </View>
      ) : null}
      {t.phase === 'closed' && t.cancelled ? (
        <View className="card">
          <Text className="subtitle">这个议题已取消</Text>
          <Text className="consult-line">原因：{t.cancelled.reason}</Text>
        </View>
      ) : null}
      {t.phase === 'discussion' ? (
        <View className="card">
          <Text className="subtitle">先讨论，再投票</Text>
          <Text className="consult-line">{t.voteFrom ? `${whenText(t.voteFrom)} 开始投票` : '投票时间还没定'}。现在可以在下面说说您的看法。</Text>
        </View>
      ) : null}
      {t.phase === 'proposed' || t.phase === 'seconded' ? <SecondCard t={t} onChange={onChange} /> : null}
      {t.phase === 'declined' && t.decline ? (
        <View className="card">
          <Text className="subtitle">这个提议没有被采纳</Text>
          <Text className="consult-line">原因：{t.decline.reason}</Text>
        </View>
      ) : null}
      {t.phase === 'merged' ? (
        <View className="card">
          <Text className="subtitle">这个提议和另一个议题合在一起商量了</Text>
        </View>
      ) : null}
      {t.phase === 'decided' && t.result ? (
        <View className="card">
          <Text className="subtitle">表决结果</Text>
          <TopicResult result={t.result} />
          {t.myVote ? <Text className="consult-hint">{myVoteText(t)}（只有您家里人能看到）</Text> : null}
        </View>
      ) : null}
      <Comments t={t} />
    </View>
  );
}

/** What the household voted, in words: `您家选的是：同意`, or that it handed in a paper ballot. */
export function myVoteText(t: Pick<TopicView, 'myVote' | 'options'>): string {
  const v = t.myVote;
  if (!v) return '';
  if (v.choice === null) return '您家交了纸质表决票';
  return `您家选的是：${t.options.find((o) => o.key === v.choice)?.label ?? ''}`;
}

/** The household's vote while voting: the options, the confirm inside the card, then what was chosen. */
function VoteCard({ t, onChange }: { t: TopicView; onChange: (t: TopicView) => void }) {
  const [changing, setChanging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [justVoted, setJustVoted] = useState(false);
  const requestId = useRef(newRequestId());
  const mine = t.myVote ?? null;
  const cast = async (choice: string, ownerDeclared: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await call('consult', 'vote', { topicId: t.id, choice, requestId: requestId.current, ...(t.rule === 'civilCode' ? { ownerDeclared } : {}) });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    requestId.current = newRequestId();
    onChange({ ...t, myVote: r.data.myVote, turnout: r.data.turnout });
    setChanging(false);
    setJustVoted(true);
  };
  if (!t.canVote && !mine) {
    return (
      <View className="card vote-card">
        <Text className="subtitle">请您家表决</Text>
        <Text className="consult-line">{t.cannotVoteReason ?? '您家不在这次表决的范围内。'}</Text>
      </View>
    );
  }
  return (
    <View className="card vote-card">
      <Text className="subtitle">{mine && !changing ? '您家已投票' : '请您家表决'}</Text>
      {mine && !changing ? (
        <View>
          <Text className="vote-mine">{myVoteText(t)}</Text>
          <Text className={justVoted ? 'vote-done' : 'consult-hint'} aria-live="polite">
            {justVoted ? '已投票，截止前可以改' : mine.channel === 'paper' ? '纸质票已收回，不能再改' : `截止前可以改（${mine.channel === 'wechat' ? '在微信里投的' : '在解忧铺柜台投的'}）`}
          </Text>
          {t.canVote && mine.choice !== null ? (
            <View className="actions">
              <Button size="large" block className="vote-change" onClick={() => {
                setChanging(true);
                setJustVoted(false);
              }}>
                改一下
              </Button>
            </View>
          ) : null}
        </View>
      ) : (
        <View>
          <Text className="consult-hint">一户一票。家里谁投都算您家的，截止前可以改。</Text>
          <VoteChoices options={t.options} askOwner={t.rule === 'civilCode'} who="您家" current={mine?.choice ?? null} busy={busy} onCast={cast} />
          {changing ? (
            <View className="actions">
              <Button size="large" block onClick={() => setChanging(false)}>
                不改了
              </Button>
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

/** A proposal: how many households seconded of how many needed, and 附议 for this household. */
function SecondCard({ t, onChange }: { t: TopicView; onChange: (t: TopicView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const second = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await call('consult', 'second', { topicId: t.id });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else onChange({ ...t, seconds: { count: r.data.seconds, needed: r.data.needed, mine: true } });
  };
  return (
    <View className="card second-card">
      <Text className="subtitle">居民提议，征集附议</Text>
      <Text className="consult-line second-count">
        已有 {t.seconds.count} 户附议，满 {t.seconds.needed} 户后社区安排大家讨论、表决
      </Text>
      {t.seconds.mine ? <Text className="vote-done">您家已附议</Text> : null}
      {!t.seconds.mine && t.phase === 'proposed' ? (
        <View className="actions">
          <Button type="primary" size="large" block className="second-button" loading={busy} disabled={busy} onClick={second}>
            我家附议
          </Button>
        </View>
      ) : null}
      {error ? (
        <Text className="notice" aria-live="assertive">
          {error.message}
        </Text>
      ) : null}
    </View>
  );
}

/**
 * The discussion: comments newest first (`consult.comments`, 20 a page, 看更早的), a hidden one reads
 * "已隐藏：<reason>"; a box to write one while the topic is discussed or voted on.
 */
function Comments({ t }: { t: TopicView }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [added, setAdded] = useState<CommentView[]>([]);
  const [older, setOlder] = useState<CommentView[]>([]);
  const [cursor, setCursor] = useState<CommentPage['nextCursor'] | undefined>(undefined);
  const requestId = useRef(newRequestId());
  const load = useCallback(() => call('consult', 'comments', { topicId: t.id }), [t.id]);
  const first = useRemote(load, [load]);
  const next = cursor === undefined ? (first.state === 'ok' ? first.data.nextCursor : null) : cursor;
  const more = async () => {
    if (!next || busy) return;
    setBusy(true);
    const r = await call('consult', 'comments', { topicId: t.id, before: next.before, beforeId: next.beforeId });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else {
      setOlder([...older, ...r.data.comments]);
      setCursor(r.data.nextCursor);
    }
  };
  const send = async () => {
    if (busy) return;
    if (charCount(text) < CONSULT_LIMITS.comment.min) {
      setError({ code: 'CLIENT.FORM', message: `请写上您的看法（至少 ${CONSULT_LIMITS.comment.min} 个字）` });
      return;
    }
    setBusy(true);
    setError(null);
    const r = await call('consult', 'comment', { topicId: t.id, text: text.trim(), requestId: requestId.current });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    requestId.current = newRequestId();
    setText('');
    setAdded([r.data, ...added]);
  };
  const loaded = first.state === 'ok' ? first.data.comments : [];
  const comments = [...added, ...loaded, ...older].filter((c, i, all) => all.findIndex((x) => x.commentId === c.commentId) === i);
  return (
    <View className="card topic-comments">
      <Text className="subtitle">大家的看法</Text>
      {first.state === 'loading' ? <LoadingState /> : null}
      {first.state === 'error' ? <ConsultErrorState error={first.error} onRetry={first.reload} /> : null}
      {first.state === 'ok' && comments.length === 0 ? <Text className="consult-hint">还没有人发表看法。</Text> : null}
      {comments.map((c) => (
        <View key={c.commentId} className="comment">
          <Text className="comment-who">
            {c.authorLabel} · {whenText(c.at)}
          </Text>
          {c.hidden && !c.mine ? <Text className="comment-text comment-hidden">已隐藏：{c.hidden.reason}</Text> : <Text className="comment-text">{c.text}</Text>}
          {c.hidden && c.mine ? <Text className="consult-hint">这条已被社区隐藏，别人看不到：{c.hidden.reason}</Text> : null}
        </View>
      ))}
      {next ? (
        <View className="actions">
          <Button size="large" block onClick={more} disabled={busy}>
            看更早的
          </Button>
        </View>
      ) : null}
      {t.phase === 'discussion' || t.phase === 'voting' ? (
        <View>
          <TextBox label="说说您的看法" value={text} max={CONSULT_LIMITS.comment.max} placeholder="写下您的想法和理由" onChange={(v) => {
            setText(v);
            setError(null);
          }} />
          {error ? (
            <Text className="notice" aria-live="assertive">
              {error.message}
            </Text>
          ) : null}
          <View className="actions">
            <Button size="large" block className="comment-send" loading={busy} disabled={busy} onClick={send}>
              发表看法
            </Button>
          </View>
          <Text className="consult-hint">别人看到的是“几号楼居民”，不显示您的名字。</Text>
        </View>
      ) : null}
    </View>
  );
}
