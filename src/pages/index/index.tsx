/**
 * Home: this week's worry-relief market (date, time, place, places left) with the entries to book
 * and to "my bookings"; the later market days below. A visitor who is not registered is offered,
 * first, the registration page (第一次来？先登记一下), and then a link code: if staff registered them
 * at the counter (代登记), they read the code out and staff link this WeChat to that record.
 * Coming back from the registration page (`?registered=1`) greets the new resident.
 * Elder mode up front (issue 17): the 大字 switch in the header, and on a first visit, before
 * anything else, the offer 字太小？点这里用大字 (src/ui/ElderOffer.tsx); the card at the bottom stays.
 * 消息 (issue 18): near the top, a registered person's way to the message centre with the unread
 * count (`account.me`'s `unreadMessages`, no extra call); refreshed whenever home shows again.
 * 社区议事 (issue 20): a large card per open vote the household has not cast ("充电桩安装 · 请您家表决"),
 * near the top, and the way to 社区议事 (src/consult/components/HomeEntry.tsx).
 * 家人代办 (issue 22): a line to the family page (src/family/components/HomeEntry.tsx), saying so while acting for an elder.
 * Order (issue 22 put a card per everyday service here): first what waits for this person (快递 on
 * the shelf, a household vote, an unread notice), then what most residents come for — the market and
 * 反映问题 — then the other services (活动, 代缴代办, 找师傅, 邻里互助, 志愿服务), then the staff's entries.
 */
import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { clockTime, isStaff, type LinkCode } from '../../account/api';
import { readsSettled } from '../../account/inbox';
import { IdentityBar } from '../../account/IdentityBar';
import type { MarketDaysResult } from '../../market/api';
import { call } from '../../services/call';
import type { CallError, CallResult } from '../../services/cloud';
import { Button } from '../../ui/nutui';
import { EmptyState, ErrorState, LoadingState, REGISTER_URL } from '../../ui/PageState';
import { useRemote } from '../../ui/useRemote';
import { useReloadOnReturn } from '../../ui/useReloadOnReturn';
import { useClearOnLeave } from '../../ui/useClearOnLeave';
import { Page } from '../../ui/Page';
import { VendorHomeEntry } from '../../stall/components/HomeEntry';
import { TicketEntries } from '../../ticket/components/TicketEntries';
import { ConsultHomeEntry } from '../../consult/components/HomeEntry';
import { ConsoleEntry } from '../../console/components/ConsoleEntry';
import { ConsultEntry } from '../../consultAdmin/components/ConsultEntry';
import { RoundsEntry } from '../../rounds/components/RoundsEntry';
import { ParcelsHomeCard, ParcelsStaffButton } from '../../parcels/components/ParcelsHomeCard';
import { VolunteerHomeCard, VolunteersStaffButton } from '../../volunteers/components/VolunteersEntry';
import { NoticesHomeEntry } from '../../notices/components/HomeEntry';
import { EventsHomeCard } from '../../events/components/EventsHomeCard';
import { ErrandsHomeCard } from '../../errands/components/ErrandsHomeCard';
import { ProvidersHomeCard } from '../../providers/components/ProvidersHomeCard';
import { PostsHomeCard } from '../../posts/components/PostsHomeCard';
import { FamilyHomeEntry } from '../../family/components/HomeEntry';
import { elderPreference, setElderPreference, useElderMode } from '../../ui/elder';
import { ElderOffer, ElderToggle } from '../../ui/ElderOffer';
import type { Me } from '../../account/api';
import './index.css';

interface HomeData {
  me: Me;
  market: MarketDaysResult;
}

async function loadHome(): Promise<CallResult<HomeData>> {
  // a message just opened is marked read in the background: count after that answer
  await readsSettled();
  const [me, market] = await Promise.all([call('account', 'me'), call('market', 'listMarketDays')]);
  if (!me.ok) return me;
  if (!market.ok) return market;
  return { ok: true, data: { me: me.data, market: market.data } };
}

const openDay = (id: string) => Taro.navigateTo({ url: `/market/pages/day/index?id=${encodeURIComponent(id)}` });
const openMine = () => Taro.navigateTo({ url: '/market/pages/bookings/index' });

export default function Home() {
  const home = useRemote(loadHome);
  const { reload } = home;
  useReloadOnReturn(reload);
  usePullDownRefresh(() => {
    reload();
    Taro.stopPullDownRefresh();
  });

  const me = home.state === 'ok' ? home.data.me : null;
  const market = home.state === 'ok' ? home.data.market : null;
  // set once this visitor asked for a link code: after staff link it, the reload greets them
  const [linkAsked, setLinkAsked] = useState(false);
  const [justRegistered, setJustRegistered] = useState(useRouter().params.registered === '1');
  // the greetings are for this moment: gone once the resident has gone on to another page
  useClearOnLeave(() => {
    setLinkAsked(false);
    setJustRegistered(false);
  });
  return (
    <Page className="home" home>
      <IdentityBar me={me} />
      <View className="home-hero">
        <View className="home-hero-top">
          <Text className="home-hero-title">{market?.kiosk?.name ?? '解忧铺'}</Text>
          <ElderToggle />
        </View>
        <Text className="home-hero-sub">{market?.days.length ? '有事来商量，每周解忧集市' : '有事来商量'}</Text>
      </View>
      <ElderOffer />
      {me?.registered ? <MessagesEntry unread={me.unreadMessages} /> : null}
      {home.state === 'loading' ? <LoadingState /> : null}
      {home.state === 'error' ? <ErrorState message={home.error.message} code={home.error.code} onRetry={reload} /> : null}
      {linkAsked && me?.registered ? (
        <Text className="notice-ok link-done" aria-live="polite">
          已关联成功：{me.user.name}，您好！现在可以用这个微信预约、查看预约了。
        </Text>
      ) : null}
      {justRegistered && me?.registered ? (
        <Text className="notice-ok register-done" aria-live="polite">
          登记好了：{me.user.name}，您好！现在可以预约集市服务、查看您的预约了。
        </Text>
      ) : null}
      {me && !me.registered ? <RegisterCard /> : null}
      {/* what is waiting for this person, then what most come for — the market and 反映问题 — then the other services */}
      <ParcelsHomeCard me={me} />
      {home.state === 'ok' ? <ConsultHomeEntry me={me} show="votes" /> : null}
      {home.state === 'ok' ? <NoticesHomeEntry me={me} /> : null}
      {home.state === 'ok' ? <HomeBody data={home.data} /> : null}
      {home.state === 'ok' ? <VendorHomeEntry me={me} /> : null}
      <TicketEntries me={me} />
      {home.state === 'ok' ? <EventsHomeCard me={me} /> : null}
      <ErrandsHomeCard me={me} />
      <ProvidersHomeCard me={me} />
      {home.state === 'ok' ? <PostsHomeCard me={me} /> : null}
      {home.state === 'ok' ? <ConsultHomeEntry me={me} show="way" /> : null}
      <VolunteerHomeCard me={me} />
      {me && !me.registered ? <LinkCard onAsked={() => setLinkAsked(true)} onRefresh={reload} /> : null}
      {home.state === 'ok' ? <FamilyHomeEntry /> : null}
      <RoundsEntry me={me} />
      <ConsoleEntry me={me} />
      <ConsultEntry me={me} />
      {isStaff(me) ? (
        <View className="card counter-entry">
          <Text className="subtitle">柜台代办</Text>
          <Text className="muted">帮没有手机的居民预约、签到</Text>
          <View className="actions">
            <Button size="large" block onClick={() => Taro.navigateTo({ url: '/counter/pages/search/index' })}>
              为居民代办
            </Button>
            <ParcelsStaffButton />
            <VolunteersStaffButton />
          </View>
        </View>
      ) : null}
      {me?.registered && me.user.role === 'communityAdmin' ? (
        <View className="card console-entry market-admin-entry">
          <Text className="subtitle">社区管理</Text>
          <Text className="muted">安排网格员和管理员，划分网格；集市时间和地点、服务项目和名额、摊位安排</Text>
          <View className="actions">
            <Button size="large" block className="open-people" onClick={() => Taro.navigateTo({ url: '/console/pages/people/index' })}>
              人员和网格
            </Button>
            <Button size="large" block onClick={() => Taro.navigateTo({ url: '/marketAdmin/pages/settings/index' })}>
              集市设置
            </Button>
            <Button size="large" block className="open-ticket-settings" onClick={() => Taro.navigateTo({ url: '/console/pages/ticketSettings/index' })}>
              办理时限与常用语
            </Button>
            <Button size="large" block className="open-notices-manage" onClick={() => Taro.navigateTo({ url: '/notices/pages/manage/index' })}>
              公告管理
            </Button>
          </View>
        </View>
      ) : null}
      <ElderSwitch />
    </Page>
  );
}

/** 消息: the way to the message centre, with how many messages are unread (in words, not only a dot). */
function MessagesEntry({ unread }: { unread: number }) {
  const n = Math.max(0, unread || 0);
  return (
    <View
      className={`card tap-row home-messages${n ? ' home-messages-unread' : ''}`}
      role="button"
      onClick={() => Taro.navigateTo({ url: '/pages/messages/index' })}
    >
      <Text className="home-messages-label">消息</Text>
      <View className="home-messages-right">
        {n ? <Text className="home-messages-count">{n > 99 ? '99+' : n} 条没看</Text> : <Text className="home-messages-none">没有新消息</Text>}
        <Text className="home-messages-go">›</Text>
      </View>
    </View>
  );
}

/** 第一次来？ For a visitor the kiosk does not know: the way to the registration page. */
function RegisterCard() {
  return (
    <View className="card register-card">
      <Text className="title register-card-title">第一次来？先登记一下</Text>
      <Text className="home-line">填上姓名和住址（小区、楼栋、单元、房号），登记以后就可以预约集市服务、查看自己的预约。</Text>
      <View className="actions">
        <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: REGISTER_URL })}>
          去登记
        </Button>
      </View>
    </View>
  );
}

type LinkState = { state: 'idle' } | { state: 'asking' } | { state: 'shown'; link: LinkCode } | { state: 'failed'; error: CallError };

/**
 * 在解忧铺登记过？ For a visitor not registered: a code (shown large) to tell the kiosk's staff, who
 * link this WeChat to the record they made at the counter; then a refresh shows them as the resident.
 */
function LinkCard({ onAsked, onRefresh }: { onAsked: () => void; onRefresh: () => void }) {
  const [link, setLink] = useState<LinkState>({ state: 'idle' });
  useClearOnLeave(() => setLink((l) => (l.state === 'failed' ? { state: 'idle' } : l)));
  const ask = async () => {
    if (link.state === 'asking') return;
    setLink({ state: 'asking' });
    const r = await call('account', 'requestLink');
    if (r.ok) onAsked();
    setLink(r.ok ? { state: 'shown', link: r.data } : { state: 'failed', error: r.error });
  };
  return (
    <View className="card link-request">
      <Text className="subtitle">在解忧铺登记过？</Text>
      {link.state === 'shown' ? (
        <View>
          <Text className="home-line link-tell">请把这个号码告诉解忧铺的工作人员</Text>
          <Text className="big-code link-code">{link.link.code}</Text>
          <Text className="muted">
            {link.link.minutes} 分钟内有效（到 {clockTime(link.link.expiresAt)} 为止）。工作人员关联好以后，点下面的按钮。
          </Text>
          <View className="actions">
            <Button type="primary" size="large" block onClick={onRefresh}>
              工作人员已关联，刷新
            </Button>
            <Button size="large" block onClick={ask}>
              号码过期了，重新获取
            </Button>
          </View>
        </View>
      ) : (
        <View>
          <Text className="muted">如果工作人员已经在解忧铺为您登记过，拿一个号码告诉工作人员，就能用这个微信预约、查看预约。</Text>
          {link.state === 'failed' ? (
            <Text className="home-notice" aria-live="assertive">
              {link.error.message}
            </Text>
          ) : null}
          <View className="actions">
            <Button size="large" block loading={link.state === 'asking'} disabled={link.state === 'asking'} onClick={ask}>
              获取关联号码
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

/** The elder-mode switch: large text and buttons, no pop-ups. */
function ElderSwitch() {
  const elder = useElderMode();
  const toggle = () => setElderPreference(elder ? 'off' : 'on');
  return (
    <View className="card elder-switch">
      <Text className="subtitle">长辈模式</Text>
      <Text className="muted">{elder ? '已打开：字更大，按钮更大。' : '字太小看不清？打开长辈模式。'}</Text>
      {elderPreference() === 'auto' && elder ? <Text className="muted">（按您微信里的字体大小自动打开）</Text> : null}
      <View className="actions">
        <Button size="large" block onClick={toggle}>
          {elder ? '关闭长辈模式' : '打开长辈模式'}
        </Button>
      </View>
    </View>
  );
}

function HomeBody({ data }: { data: HomeData }) {
  const [next, ...later] = data.market.days;
  const kiosk = data.market.kiosk;
  if (!next) {
    if (kiosk) return <KioskCard kiosk={kiosk} communityName={data.market.communityName} noMarket />;
    return <EmptyState text={data.market.communityName ? `${data.market.communityName}暂时没有开办解忧集市` : '暂时没有可以预约的集市'} />;
  }
  return (
    <View>
      <View className="card market-next">
        <Text className="muted">最近一次{next.marketName}</Text>
        <Text className="title market-date">{next.dateLabel}</Text>
        <Text className="home-line">时间：{next.start}–{next.end}</Text>
        <Text className="home-line">地点：{next.place}</Text>
        <Text className="home-line">还可预约：{next.remaining} 个名额</Text>
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => openDay(next.id)}>
            预约集市服务
          </Button>
          <Button size="large" block onClick={openMine}>
            我的预约
          </Button>
        </View>
      </View>
      {later.length ? (
        <View className="card">
          <Text className="subtitle">以后几期</Text>
          {later.map((d) => (
            <View key={d.id} className="row later-day" onClick={() => openDay(d.id)}>
              {/* the date and the time each stay whole: a narrow screen breaks between them, never inside */}
              <View className="later-when">
                <Text className="nowrap">{d.dateLabel}</Text> <Text className="nowrap">{d.start}–{d.end}</Text>
              </View>
              <Text className="later-link">去看看 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
      {kiosk ? <KioskCard kiosk={kiosk} communityName={data.market.communityName} /> : null}
    </View>
  );
}

/**
 * How to reach the community's 解忧铺 in person: where, when it is open, its phone, what it offers.
 * For a community without a market it is the home page's main card, saying what the kiosk does
 * instead (and that there is no market here).
 */
function KioskCard({ kiosk, communityName, noMarket = false }: { kiosk: NonNullable<MarketDaysResult['kiosk']>; communityName: string | null; noMarket?: boolean }) {
  return (
    <View className="card kiosk-card">
      <Text className={noMarket ? 'title' : 'subtitle'}>{noMarket ? `${communityName ?? ''}${kiosk.name}` : '到解忧铺找我们'}</Text>
      {noMarket ? <Text className="home-line">有事可以直接来解忧铺找工作人员商量。{communityName ?? '这里'}暂时没有解忧集市。</Text> : null}
      {kiosk.offers ? <Text className="home-line">可以办：{kiosk.offers}</Text> : null}
      {kiosk.place ? <Text className="home-line">地点：{kiosk.place}</Text> : null}
      {kiosk.hours ? <Text className="home-line">开放时间：{kiosk.hours}</Text> : null}
      {kiosk.phone ? <Text className="home-line">电话：{kiosk.phone}</Text> : null}
    </View>
  );
}
