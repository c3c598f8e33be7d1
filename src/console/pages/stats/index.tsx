/**
 * 统计 (community admins; grid workers see their own grids): the figures of a period — this month
 * by default, or 上个月 / 近三个月 / 今年 — from `console.stats`: the headline rates (按期结案率,
 * 满意率, 24小时内受理率, each as numerator/denominator and percentage), average accept and handle times, charts of tickets by source, category and
 * status and of the market's bookings, each with its figures as text below it, and every grid
 * worker's record (a grid worker: only their own), and 社区议事 (issue 20): meetings held by kind,
 * attendance by role, opinions collected / resolved / turned into tickets / answered, the on-time
 * reply rate, topics decided by outcome and the households that voted per channel; and (issue 21)
 * 办理环节 (extensions asked and approved, suspensions and their days, returns, checks passed and
 * failed, reworks) and 走访巡查 (visits, households visited, coverage of the households due a visit,
 * problems found on visits and patrols, per grid and per worker — counts only, never a household);
 * and (issue 22) 便民服务: parcels (代收快递: logged, picked up, delivered, 超期未取), 代缴代办, 师傅转介
 * (referrals, ratings and their average stars, providers flagged for review), notices and their
 * reads, events (places, sign-ups, attendance) and volunteer hours by role — counts only.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { Page } from '../../../ui/Page';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { Button } from '../../../ui/nutui';
import { BarChart } from '../../components/BarChart';
import {
  CONSOLE_URLS,
  percent,
  periodChoices,
  periodSentence,
  ratioText,
  type ConsultationFigures,
  type EverydayFigures,
  type LoopFigures,
  type PeriodChoice,
  type RoundsFigures,
  type Scorecard,
  type StatsView,
} from '../../stats-api';
import { call } from '../../../services/call';
import { VOLUNTEER_ROLE_LABELS, VOLUNTEER_ROLES, VOLUNTEER_SOURCE_LABELS, VOLUNTEER_SOURCES } from '../../../../cloudfunctions/shared/vocabulary/everyday';
import { ConsultEntry } from '../../../consultAdmin/components/ConsultEntry';
import '../../stats.css';

/** `550 分钟（约 9.2 小时）`, `45 分钟`, or `—`. */
function minutesText(m: number | null): string {
  if (m == null) return '—';
  return m >= 120 ? `${m} 分钟（约 ${Math.round((m / 60) * 10) / 10} 小时）` : `${m} 分钟`;
}
/** `117.5 小时（约 4.9 天）`, `6 小时`, or `—`. */
function hoursText(h: number | null): string {
  if (h == null) return '—';
  return h >= 48 ? `${h} 小时（约 ${Math.round((h / 24) * 10) / 10} 天）` : `${h} 小时`;
}

function Figure({ name, value, note }: { name: string; value: string; note?: string }) {
  return (
    <View className="console-kpi">
      <Text className="console-kpi-name">{name}</Text>
      <Text className="console-kpi-value">{value}</Text>
      {note ? <Text className="console-kpi-note">{note}</Text> : null}
    </View>
  );
}

function ScorecardCard({ c }: { c: Scorecard }) {
  return (
    <View className="card console-scorecard">
      <Text className="subtitle">{c.name || '（未登记姓名）'}</Text>
      <Text className="console-line">受理 {c.accepted} 件，办结 {c.closed} 件，其中按期 {c.closedOnTime} 件（{percent(c.onTimeRate)}）</Text>
      <Text className="console-line">
        居民评价 {c.rated} 次，满意和基本满意 {c.satisfied} 次（{percent(c.satisfactionRate)}）
      </Text>
      <Text className="console-line">
        回访 {c.followUps} 次，退单 {c.returns} 次，重办 {c.reworks} 件
      </Text>
      <Text className="console-line">
        入户走访 {c.visits} 次，巡查 {c.patrols} 次，自己发现问题 {c.problemsFound} 件
      </Text>
    </View>
  );
}

/** 办理环节 (issue 21): the loop's steps in the period. */
function LoopPanel({ l }: { l: LoopFigures }) {
  return (
    <View className="console-loop">
      <Text className="title console-section">办理环节</Text>
      <View className="card">
        <View className="console-kpis">
          <Figure name="申请延期" value={`${l.extensionsRequested} 次`} note={`批准 ${l.extensionsApproved} 次（批准的算缓办，不计入按期结案考核）`} />
          <Figure name="挂起" value={`${l.suspensions} 次`} note={`恢复办理的共挂起 ${l.suspendedDays} 天，挂起期间不算超期`} />
          <Figure name="退单" value={`${l.returns} 次`} note="不归网格管，退回社区统一协调" />
          <Figure name="核查通过" value={`${l.verified} 次`} />
          <Figure name="核查不通过" value={`${l.verifyFailed} 次`} note="现场核查没办好，退回重办" />
          <Figure name="重办" value={`${l.reworks} 件`} note="居民不满意或核查不通过，重新办理" />
        </View>
      </View>
    </View>
  );
}

/** 走访巡查 (issue 21): the grid workers' own rounds — counts only, never a household. */
function RoundsPanel({ r, community }: { r: RoundsFigures; community: boolean }) {
  return (
    <View className="console-rounds">
      <Text className="title console-section">走访巡查</Text>
      <View className="card">
        <View className="console-kpis">
          <Figure name="入户走访" value={`${r.visits} 次`} note={`走访了 ${r.householdsVisited} 户（登记 ${r.households} 户）`} />
          <Figure name="走访覆盖率" value={ratioText(r.coverage)} note={`该走访的 ${r.dueHouseholds} 户中，走访了 ${r.coverage.numerator} 户`} />
          <Figure name="走访发现问题" value={`${r.problemsFoundByVisit} 件`} />
          <Figure name="巡查" value={`${r.patrols} 次`} />
          <Figure name="巡查发现问题" value={`${r.problemsFoundByPatrol} 件`} />
        </View>
      </View>
      {r.byGrid.length ? (
        <View className="card">
          <Text className="subtitle">各网格</Text>
          <View className="console-figures">
            {r.byGrid.map((g) => (
              <Text key={g.gridId} className="console-figure">
                {g.code}：登记 {g.households} 户，该走访 {g.dueHouseholds} 户，覆盖 {ratioText(g.coverage)}；走访 {g.visits} 次，巡查 {g.patrols} 次，发现问题 {g.problemsFoundByVisit + g.problemsFoundByPatrol} 件
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      {community && r.byWorker.length ? (
        <View className="card">
          <BarChart id="chart-visits" title="各网格员入户走访" unit="次" items={r.byWorker.map((w) => ({ label: w.name, value: w.visits }))} color="#1b7f3b" />
          <View className="console-figures">
            {r.byWorker.map((w) => (
              <Text key={w.workerId} className="console-figure">
                {w.name}：走访 {w.visits} 次（{w.householdsVisited} 户），巡查 {w.patrols} 次，发现问题 {w.problemsFoundByVisit + w.problemsFoundByPatrol} 件
              </Text>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** Minutes as hours people read: `5 小时`, `1.5 小时`, `20 分钟`. */
function hoursOf(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  return `${Math.round((minutes / 60) * 10) / 10} 小时`;
}

/** 便民服务 (issue 22): the kiosk's everyday services in the period — counts only, never a name. */
function EverydayPanel({ e }: { e: EverydayFigures }) {
  const p = e.parcels;
  const r = e.referrals;
  const ev = e.events;
  const v = e.volunteers;
  const roles = VOLUNTEER_ROLES.map((k) => ({ label: VOLUNTEER_ROLE_LABELS[k], value: Math.round((v.minutesByRole[k] / 60) * 10) / 10 }));
  const sources = VOLUNTEER_SOURCES.filter((k) => v.minutesBySource[k] > 0);
  return (
    <View className="console-everyday">
      <Text className="title console-section">便民服务</Text>
      <View className="card">
        <View className="console-kpis">
          <Figure name="代收快递" value={`${p.logged} 件`} note={`取走 ${p.pickedUp} 件，送上门 ${p.delivered} 件，超期未取 ${p.unclaimed} 件`} />
          <Figure name="代缴代办" value={`${e.errands.requested} 件`} note={`办好 ${e.errands.done} 件`} />
          <Figure
            name="介绍师傅"
            value={`${r.made} 次`}
            note={`居民评价 ${r.rated} 次${r.averageStars != null ? `，平均 ${r.averageStars} 星` : ''}${r.flaggedProviders ? `；评价差、要复核的师傅 ${r.flaggedProviders} 位` : ''}`}
          />
          <Figure name="社区公告" value={`${e.notices.published} 条`} note={`居民看了 ${e.notices.reads} 人次`} />
          <Figure name="活动" value={`${ev.held} 场`} note={`名额 ${ev.places} 个，报名 ${ev.signedUp} 人，到场签到 ${ev.attended} 人`} />
          <Figure name="志愿服务" value={hoursOf(v.minutes)} note={`${v.count} 位志愿者服务过`} />
        </View>
      </View>
      <View className="card">
        <BarChart id="chart-volunteers" title="各类志愿者服务时长" unit="小时" items={roles} color="#1b7f3b" />
        <View className="console-figures">
          {sources.length ? (
            <Text className="console-figure">做了什么：{sources.map((k) => `${VOLUNTEER_SOURCE_LABELS[k]} ${hoursOf(v.minutesBySource[k])}`).join('，')}</Text>
          ) : null}
        </View>
      </View>
    </View>
  );
}

/** 社区议事 (issue 20): meetings by kind, attendance, opinions to their end, on-time replies, topics decided, turnout by channel. */
function ConsultationPanel({ c }: { c: ConsultationFigures }) {
  const owners = c.meetingsHeld.byKind.find((k) => k.key === 'ownersMeeting')?.count ?? 0;
  const turnout = c.turnoutByChannel;
  return (
    <View className="console-consultation">
      <Text className="title console-section">社区议事</Text>
      <View className="card">
        <View className="console-kpis">
          <Figure name="召开会议" value={`${c.meetingsHeld.total} 次`} note={`其中业主会议 ${owners} 次`} />
          <Figure name="参会" value={`${c.attendance.total} 人次`} />
          <Figure name="收集意见建议" value={`${c.opinionsCollected} 条`} />
          <Figure name="解决意见建议" value={`${c.opinionsResolved} 条`} note="这段时间解决、到期末仍是已解决的" />
          <Figure name="转成工单" value={`${c.opinionsTicketed} 条`} />
          <Figure name="答复说明" value={`${c.opinionsAnswered} 条`} note="做不了的，说明了理由（不算解决）" />
          <Figure
            name="按期答复率"
            value={ratioText({ numerator: c.opinionsRepliedOnTime, denominator: c.opinionsDue, rate: c.onTimeReplyRate })}
            note={`期限内有结果 ${c.opinionsRepliedOnTime} 条 ÷ 到期 ${c.opinionsDue} 条`}
          />
          <Figure name="表决出结果的议题" value={`${c.topicsDecided.total} 个`} />
        </View>
      </View>
      <View className="card">
        <BarChart id="chart-meetings" title="开了哪些会" unit="次" items={c.meetingsHeld.byKind.map((i) => ({ label: i.label, value: i.count }))} color="#6b3fa0" />
      </View>
      <View className="card">
        <BarChart id="chart-attendance" title="谁来参会" unit="人次" items={c.attendance.byRole.map((i) => ({ label: i.label, value: i.count }))} color="#1f5fa8" />
      </View>
      <View className="card">
        <BarChart id="chart-topics" title="议题表决结果" unit="个" items={c.topicsDecided.byOutcome.map((i) => ({ label: i.label, value: i.count }))} color="#1b7f3b" />
      </View>
      <View className="card">
        <BarChart
          id="chart-turnout"
          title="各渠道参与表决的户数"
          unit="户"
          items={[
            { label: '微信', value: turnout.wechat.numerator },
            { label: '柜台代投', value: turnout.counter.numerator },
            { label: '纸质票', value: turnout.paper.numerator },
          ]}
          color="#8a5300"
        />
        <View className="console-figures">
          <Text className="console-figure">应参与 {turnout.electorate} 户，参与 {ratioText(turnout.all)}</Text>
          <Text className="console-figure">
            微信 {ratioText(turnout.wechat)}，柜台代投 {ratioText(turnout.counter)}，纸质票 {ratioText(turnout.paper)}
          </Text>
        </View>
      </View>
    </View>
  );
}

function StatsBody({ s, period }: { s: StatsView; period: PeriodChoice }) {
  const t = s.tickets;
  const m = s.market;
  return (
    <View>
      <View className="card">
        <Text className="subtitle">
          {s.scope.kind === 'community' ? s.scope.communityName || '本社区' : `我负责的网格（${s.scope.gridIds.join('、')}）`}
        </Text>
        <Text className="muted console-period">
          {periodSentence(period)}，共 {s.period.days} 天
        </Text>
        <View className="console-kpis">
          <Figure name="收到的诉求" value={`${t.reported} 件`} />
          <Figure
            name="按期结案率"
            value={ratioText(t.rates.onTimeClosure)}
            note={`按期办结 ${t.rates.onTimeClosure.numerator} 件 ÷ 应办结 ${t.rates.onTimeClosure.denominator} 件${t.deferred ? `（批准延期的 ${t.deferred} 件不计）` : ''}`}
          />
          <Figure
            name="满意率"
            value={ratioText(t.rates.satisfaction)}
            note={`满意和基本满意 ${t.rates.satisfaction.numerator} 次 ÷ 评价 ${t.ratings.total} 次（不满意 ${t.ratings.unsatisfied} 次）`}
          />
          <Figure
            name="24小时内受理"
            value={ratioText(t.rates.acceptedWithinDeadline)}
            note={`24小时内受理 ${t.acceptedWithinDeadline} 件 ÷ 应受理 ${t.acceptDue} 件（受理了 ${t.accepted} 件，超过24小时还没受理 ${t.notAcceptedLate} 件）`}
          />
          <Figure name="平均受理用时" value={minutesText(t.avgAcceptMinutes)} note="从居民反映到网格员受理" />
          <Figure name="平均处理用时" value={hoursText(t.avgHandleHours)} note={`从受理到反馈结果，共 ${t.handled} 件`} />
          <Figure name="办结" value={`${t.closed} 件`} />
          <Figure name="回访" value={`${t.followUps} 次`} />
        </View>
      </View>
      <View className="card">
        <BarChart id="chart-source" title="诉求从哪里来" unit="件" items={t.bySource.map((i) => ({ label: i.label, value: i.count }))} />
      </View>
      <View className="card">
        <BarChart id="chart-category" title="诉求是什么事" unit="件" items={t.byCategory.map((i) => ({ label: i.label, value: i.count }))} color="#1f5fa8" />
      </View>
      <View className="card">
        <BarChart id="chart-status" title="现在办到哪一步" unit="件" items={t.byStatus.map((i) => ({ label: i.label, value: i.count }))} color="#1b7f3b" />
      </View>
      {s.loop ? <LoopPanel l={s.loop} /> : null}
      {s.rounds ? <RoundsPanel r={s.rounds} community={s.scope.kind === 'community'} /> : null}
      <Text className="title console-section">{s.scope.kind === 'community' ? '网格员的成绩' : '我的成绩'}</Text>
      {s.scorecards.length ? s.scorecards.map((c) => <ScorecardCard key={c.workerId} c={c} />) : <Text className="muted console-section">还没有网格员。</Text>}
      {s.consultation ? <ConsultationPanel c={s.consultation} /> : null}
      {s.everyday ? <EverydayPanel e={s.everyday} /> : null}
      {m ? (
        <View>
          <Text className="title console-section">解忧集市</Text>
          <View className="card">
            <BarChart id="chart-attended" title="各项服务来了多少人" unit="人次" items={m.services.map((x) => ({ label: x.serviceName, value: x.attended }))} color="#8a5300" />
            <View className="console-figures">
              {m.services.map((x) => (
                <Text key={x.serviceId} className="console-figure">
                  {x.serviceName}：预约 {x.booked}，来了 {x.attended}，爽约 {x.noShow}，取消 {x.cancelled}
                </Text>
              ))}
              <Text className="console-figure">
                合计：预约 {m.totals.booked}，来了 {m.totals.attended}，爽约 {m.totals.noShow}
              </Text>
            </View>
          </View>
          <View className="card">
            <Text className="subtitle">摊主和农产品</Text>
            <Text className="console-line">来摆摊的摊主 {m.vendorsAttending} 位，共 {m.stallDays} 摊次</Text>
            <Text className="console-line">{m.produce.length ? `带来了 ${m.produce.length} 种：${m.produce.map((p) => `${p.name}（${p.vendors}位）`).join('、')}` : '这段时间没有摊主签到。'}</Text>
          </View>
          <View className="actions">
            <Button size="large" block onClick={() => Taro.navigateTo({ url: CONSOLE_URLS.ledger })}>
              下载台账
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default function StatsPage() {
  const choices = useMemo(() => periodChoices(), []);
  const [chosen, setChosen] = useState('month');
  const period = choices.find((c) => c.value === chosen) ?? choices[0];
  const stats = useRemote(() => call('console', 'stats', { from: period.from, to: period.to }), [period.from, period.to]);
  // figures of the period on show only: after a tap on another period, the last period's figures are not shown under its name
  const shown = stats.state === 'ok' && stats.data.period.from === period.from && stats.data.period.to === period.to ? stats.data : null;
  return (
    <Page className="console-page">
      <Text className="title">统计</Text>
      <ChoiceButtons options={choices} selected={chosen} onSelect={setChosen} className="choice-grid console-periods" itemClassName="choice" />
      {stats.state === 'loading' || (stats.state === 'ok' && !shown) ? <LoadingState text="正在统计，请稍候…" /> : null}
      {stats.state === 'error' ? (
        stats.error.code === 'COMMON.FORBIDDEN' ? (
          <Text className="muted">统计是给网格员和社区管理员看的。</Text>
        ) : (
          <ErrorState message={stats.error.message} code={stats.error.code} onRetry={stats.reload} />
        )
      ) : null}
      {shown ? <StatsBody s={shown} period={period} /> : null}
      {/* the figures answer only to staff: 社区议事 below them */}
      {stats.state === 'ok' ? <ConsultEntry staff compact /> : null}
    </Page>
  );
}
