/**
 * 登记本 (the registry), for everyone: "周五集市有什么卖" — the next market day's vendors and their
 * goods, and a question box that takes a whole sentence (the press report's "周五的集市有卖白菜和大葱的吗？",
 * up to QUESTION_MAX characters; issue 17): the `search` action finds every good it names, and the
 * page answers each one on its own line ("白菜：还没有人登记。" / "大葱：马师傅，1号摊。") with the
 * sellers and their stall numbers. For each good nobody sells yet, a resident can ask to be told
 * (有人卖白菜的时候告诉我, the `watch` action for that good): the tap first asks WeChat's permission for
 * one message (requestSubscribe, template TEMPLATE_IDS.productRegistered), then records the wish; if the person
 * declines, the page says plainly that no message will come and offers to ask again. A sentence
 * naming nothing known says so and offers what is registered (tap one to ask about it); the registry
 * is below. `?q=…` opens the page with that question answered (a link, a reload).
 */
import { View, Text, Textarea } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../../../account/api';
import type { CallError, CallResult } from '../../../services/cloud';
import { requestSubscribe } from '../../../services/subscribe';
import { Button } from '../../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { VendorPage } from '../../components/VendorPage';
import { call } from '../../../services/call';
import { STALL_LIMITS } from '../../../../cloudfunctions/stall/limits';
import type { GoodAnswerView, RegistryView, SearchResult } from '../../api';
import '../../stall.css';

const CHIPS = ['白菜', '大葱', '土豆', '苹果'];

/** The longest question the `search` action takes (cloudfunctions/stall/limits.ts). */
const QUESTION_MAX = STALL_LIMITS.question.max;

type Search = { state: 'idle' } | { state: 'loading'; query: string } | { state: 'ok'; result: SearchResult } | { state: 'error'; error: CallError };
/** `told`: the person allowed the message (else nothing will come, and the page says so). */
type Watch = { state: 'idle' } | { state: 'saving' } | { state: 'done'; product: string; told: boolean } | { state: 'error'; error: CallError };

/**
 * H5: the search goes into the address (`?q=白菜`), so a reload or a shared link shows the same
 * answer. The router is not told (no navigation); in the mini-program there is no address to keep.
 */
function keepQueryInUrl(q: string): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  try {
    const [path] = window.location.hash.split('?');
    if (!path.includes('stall/pages/registry')) return;
    window.history.replaceState(window.history.state, '', `${path}?q=${encodeURIComponent(q)}`);
  } catch {
    /* the address stays as it was */
  }
}

async function loadRegistry(): Promise<CallResult<{ registry: RegistryView; me: Me }>> {
  const [registry, me] = await Promise.all([call('stall', 'registry'), call('account', 'me')]);
  if (!registry.ok) return registry;
  return { ok: true, data: { registry: registry.data, me: me.ok ? me.data : { registered: false, unreadMessages: 0 } } };
}

export default function RegistryPage() {
  const { params } = useRouter();
  const initial = params.q ? decodeURIComponent(params.q) : '';
  const data = useRemote(loadRegistry);
  const [query, setQuery] = useState(initial);
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  /** one 告诉我 per good nobody sells yet, by product */
  const [watches, setWatches] = useState<Record<string, Watch>>({});

  const run = useCallback(async (q0: string) => {
    const q = q0.trim();
    setQuery(q);
    setWatches({});
    if (!q) {
      setSearch({ state: 'error', error: { code: 'COMMON.INVALID_INPUT', message: '请写上想买的东西，比如：白菜和大葱' } });
      return;
    }
    setSearch({ state: 'loading', query: q });
    keepQueryInUrl(q);
    const r = await call('stall', 'search', { query: [...q].slice(0, QUESTION_MAX).join('') });
    setSearch(r.ok ? { state: 'ok', result: r.data } : { state: 'error', error: r.error });
    // the answer may be below the fold (elder mode, a small phone): bring it into view
    setTimeout(() => Taro.pageScrollTo({ selector: '.search-result, .v-notice', duration: 200 }).catch(() => undefined), 50);
  }, []);

  useEffect(() => {
    if (initial) void run(initial);
  }, [initial, run]);

  const me = data.state === 'ok' ? data.data.me : null;
  const isResident = !!me && me.registered && me.user.role === 'resident';

  const askWatch = async (product: string) => {
    if (watches[product]?.state === 'saving') return;
    const setWatch = (w: Watch) => setWatches((all) => ({ ...all, [product]: w }));
    setWatch({ state: 'saving' });
    // one message when it is registered: WeChat asks the person inside this tap (before anything
    // else is awaited); TEMPLATE_IDS are the build's templates (locally the functions' stand-ins)
    const accepted = await requestSubscribe([TEMPLATE_IDS.productRegistered]);
    const r = await call('stall', 'watch', { product });
    setWatch(r.ok ? { state: 'done', product: r.data.product, told: accepted.includes(TEMPLATE_IDS.productRegistered) } : { state: 'error', error: r.error });
  };

  return (
    <VendorPage className="registry">
      <View className="card registry-ask">
        <Text className="title">周五集市有什么卖？</Text>
        <Text className="muted">写上想买的东西，可以写一整句话，比如：周五有卖白菜和大葱的吗？也可以点下面的菜名</Text>
        {/* a Textarea, so a whole sentence stays in view as it wraps; Enter asks (its newline is not kept) */}
        <Textarea
          className="v-input search-input"
          value={query}
          placeholder="比如：白菜和大葱"
          maxlength={QUESTION_MAX}
          autoHeight
          confirmType="search"
          aria-label="想买的东西"
          onInput={(e) => {
            const v = e.detail.value;
            if (v.includes('\n')) void run(v.replace(/\n/g, ''));
            else setQuery(v);
          }}
          onConfirm={() => run(query)}
        />
        <View className="chip-row">
          {CHIPS.map((c) => (
            <Button key={c} className="chip" size="large" onClick={() => run(c)}>
              {c}
            </Button>
          ))}
        </View>
        <View className="actions">
          <Button type="primary" size="large" block className="search-go" onClick={() => run(query)}>
            查一查有没有人卖
          </Button>
        </View>
      </View>

      {search.state === 'loading' ? <LoadingState text={`正在查“${search.query}”…`} /> : null}
      {search.state === 'error' ? (
        <Text className="v-notice" aria-live="assertive">
          {search.error.message}
        </Text>
      ) : null}
      {search.state === 'ok' ? (
        <SearchAnswer result={search.result} isResident={isResident} registered={!!me?.registered} watches={watches} onWatch={askWatch} onAsk={run} />
      ) : null}

      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /> : null}
      {data.state === 'ok' ? <RegistryList registry={data.data.registry} /> : null}
    </VendorPage>
  );
}

/** The day the answer is about, in words: `11月15日 周五的集市：`, or why it is not the day asked. */
function answerHead(r: SearchResult): string {
  if (!r.dateLabel) return '';
  if (r.askedDay && !r.askedDay.marketDay) return `${r.askedDay.word}（${r.askedDay.dateLabel}）没有集市。下次集市是${r.dateLabel}：`;
  return `${r.dateLabel}的集市：`;
}

/**
 * The answer to a question: one block per good named (its answer, its sellers, 告诉我 when nobody
 * sells it), or — naming nothing known — the answer in words and the registered goods to tap.
 */
function SearchAnswer(props: { result: SearchResult; isResident: boolean; registered: boolean; watches: Record<string, Watch>; onWatch: (p: string) => void; onAsk: (q: string) => void }) {
  const { result, isResident, registered, watches, onWatch, onAsk } = props;
  if (!result.goods.length)
    return (
      <View className="card search-result none nothing-heard" aria-live="polite">
        <Text className="answer">{result.answer}</Text>
        {result.registered.length ? (
          <>
            <Text className="muted">点一样菜名，看谁在卖：</Text>
            <View className="chip-row">
              {result.registered.map((g) => (
                <Button key={g} className="chip registered-chip" size="large" onClick={() => onAsk(g)}>
                  {g}
                </Button>
              ))}
            </View>
          </>
        ) : null}
        <Text className="muted">下面是这一天的集市登记本。</Text>
      </View>
    );
  const anySold = result.goods.some((g) => g.sellers.length);
  return (
    <View className={`card search-result${anySold ? ' found' : ' none'}`} aria-live="polite">
      {result.date ? <Text className="subtitle answer-head">{answerHead(result)}</Text> : null}
      {result.goods.map((g) => (
        <GoodBlock key={g.product} good={g} hasDate={!!result.date} isResident={isResident} registered={registered} watch={watches[g.product] ?? { state: 'idle' }} onWatch={onWatch} />
      ))}
      {!isResident && result.date && result.goods.some((g) => !g.sellers.length) ? (
        <Text className="muted watch-why">{registered ? '“有人卖的时候告诉我”只给本社区的居民用。' : '登记成居民以后，可以让我们在有人卖的时候告诉您。'}</Text>
      ) : null}
      {!anySold && result.date ? <Text className="muted answer-book">{result.registered.length ? `目前只有卖${result.registered.join('、')}的登记了。` : '这一天还没有摊主登记。'}</Text> : null}
    </View>
  );
}

/** One good's answer: `大葱：马师傅，1号摊。` with the sellers, or `白菜：还没有人登记。` with 告诉我. */
function GoodBlock(props: { good: GoodAnswerView; hasDate: boolean; isResident: boolean; registered: boolean; watch: Watch; onWatch: (p: string) => void }) {
  const { good, hasDate, isResident, registered, watch, onWatch } = props;
  const sold = good.sellers.length > 0;
  return (
    <View className={`good-answer${sold ? ' found' : ' none'}`} data-product={good.product}>
      <Text className="answer">{good.answer}</Text>
      {good.sellers.map((s) => (
        <View key={`${s.name}-${s.stallNumber ?? ''}`} className="seller-row">
          <Text className="seller-stall">{s.stallNumber ? `${s.stallNumber}号摊` : '摊位待定'}</Text>
          <View className="seller-body">
            <Text className="subtitle seller-name">{s.name}</Text>
            <Text className="muted">卖：{s.goods.join('、')}</Text>
          </View>
        </View>
      ))}
      {!sold && hasDate && isResident ? <WatchBox product={good.product} isResident={isResident} registered={registered} watch={watch} onWatch={onWatch} /> : null}
    </View>
  );
}

function WatchBox(props: { product: string; isResident: boolean; registered: boolean; watch: Watch; onWatch: (p: string) => void }) {
  const { product, isResident, registered, watch, onWatch } = props;
  if (watch.state === 'done' && watch.told)
    return (
      <Text className="notice-ok watch-done" aria-live="polite">
        记下了：有人登记卖{watch.product}时，会给您发一条微信消息。{LOCAL_RUNTIME ? '（本地演示：这条消息只记在电脑里，不会真的发到微信。）' : ''}
      </Text>
    );
  if (watch.state === 'done')
    return (
      <View className="watch-box">
        <Text className="v-notice watch-declined" aria-live="polite">
          您没有允许微信发消息，所以有人卖{watch.product}时，不会有消息给您。可以过几天再来这里查一查，或者再点一次下面的按钮，在弹出的提示里点“允许”。
        </Text>
        <View className="actions">
          <Button size="large" block className="watch-button watch-again" onClick={() => onWatch(product)}>
            再试一次：有人卖{product}时告诉我
          </Button>
        </View>
      </View>
    );
  if (!isResident)
    return <Text className="muted watch-why">{registered ? '“有人卖的时候告诉我”只给本社区的居民用。' : '登记成居民以后，可以让我们在有人卖的时候告诉您。'}</Text>;
  return (
    <View className="watch-box">
      {watch.state === 'error' ? (
        <Text className="v-notice" aria-live="assertive">
          {watch.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button size="large" block className="watch-button" loading={watch.state === 'saving'} disabled={watch.state === 'saving'} onClick={() => onWatch(product)}>
          有人卖{product}的时候告诉我
        </Button>
      </View>
    </View>
  );
}

function RegistryList({ registry }: { registry: RegistryView }) {
  if (!registry.date) return <EmptyState text={registry.communityName ? `${registry.communityName}暂时没有集市` : '暂时没有集市'} />;
  return (
    <View className="card registry-list">
      <Text className="title">集市登记本</Text>
      <Text className="v-line registry-date">
        {registry.dateLabel}
        {registry.communityName ? ` · ${registry.communityName}` : ''}
      </Text>
      {registry.vendors.length === 0 ? <Text className="v-line registry-empty">这一天还没有摊主登记。</Text> : null}
      {registry.vendors.map((v) => (
        <View key={`${v.name}-${v.stallNumber ?? ''}`} className="seller-row registry-vendor">
          <Text className="seller-stall">{v.stallNumber ? `${v.stallNumber}号摊` : '摊位待定'}</Text>
          <View className="seller-body">
            <Text className="subtitle seller-name">{v.name}</Text>
            <Text className="muted">
              {v.kindLabel}
              {v.goods.length ? `：${v.goods.join('、')}` : ''}
              {v.provides ? `：${v.provides}` : ''}
            </Text>
          </View>
        </View>
      ))}
      <View className="actions">
        <Button size="large" block onClick={() => Taro.navigateTo({ url: '/stall/pages/mine/index' })}>
          我是摊主（登记、申请摊位）
        </Button>
      </View>
    </View>
  );
}
