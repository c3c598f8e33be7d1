/**
 * Pages of the mini-program. The main package holds the home page; the market pages and the
 * counter (staff) pages are subpackages (size budgets: main ≤ 600 KB, each subpackage ≤ 300 KB). The message centre
 * (消息, pages/messages) is in the main package: home links to it. The identity switch page and the
 * record of what WeChat would have delivered (pages/wechat) exist only in the local kiosk build (TARO_APP_LOCAL=1).
 */
const local = process.env.TARO_ENV === 'h5' && process.env.TARO_APP_LOCAL === '1';

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/register/index', 'pages/messages/index', ...(local ? ['pages/identity/index', 'pages/wechat/index'] : [])],
  subPackages: [
    {
      root: 'market',
      pages: ['pages/day/index', 'pages/confirm/index', 'pages/bookings/index', 'pages/booking/index'],
    },
    {
      // the kiosk counter: grid workers and community staff serving residents on their behalf
      root: 'counter',
      pages: ['pages/search/index', 'pages/resident/index', 'pages/report/index', 'pages/register/index', 'pages/vote/index', 'pages/opinion/index'],
    },
    {
      // vendors (registration, my stalls) and the registry of who sells what, for everyone
      root: 'stall',
      pages: ['pages/registry/index', 'pages/register/index', 'pages/mine/index'],
    },
    {
      // stalls for community staff: vendor approvals, giving stalls, the day's check-in list
      root: 'stallAdmin',
      pages: ['pages/vendors/index', 'pages/vendor/index', 'pages/day/index'],
    },
    {
      // the market's settings for community admins: hours, place, service catalogue and places, stall plan
      root: 'marketAdmin',
      pages: ['pages/settings/index', 'pages/services/index', 'pages/service/index'],
    },
    {
      // residents' problems: report (反映问题), my problems, one problem's progress and rating, the public board (问题挂牌)
      root: 'ticket',
      pages: ['pages/report/index', 'pages/mine/index', 'pages/detail/index', 'pages/board/index', 'pages/volunteer/index'],
    },
    {
      // 社区议事 (issue 20) for residents: topics and their votes (表决), proposals (提议, 附议), meetings (会议, 报名), opinions (意见建议)
      root: 'consult',
      pages: ['pages/index/index', 'pages/topic/index', 'pages/propose/index', 'pages/meeting/index', 'pages/opinion/index'],
    },
    {
      // grid workers' and admins' desk: the queue, a ticket's actions, the hard cases (疑难督办), a problem they found (登记我发现的问题), 待我处理 (extension requests, checks; issue 21)
      root: 'desk',
      pages: ['pages/queue/index', 'pages/detail/index', 'pages/hard/index', 'pages/file/index', 'pages/decisions/index'],
    },
    {
      // 有事来商量 for staff (issue 20): topics by phase, a topic's form and actions, the household register, paper tallies; meetings and their records; the opinions work list
      root: 'consultAdmin',
      pages: ['pages/topics/index', 'pages/topicEdit/index', 'pages/households/index', 'pages/tally/index', 'pages/meetings/index', 'pages/meetingEdit/index', 'pages/opinions/index', 'pages/opinionDetail/index'],
    },
    {
      // the grid workers' own rounds (issue 21): 我的住户 (a grid's households), one household and its visits, 记录走访, 巡查, 民情日志; 走访计划 (admins)
      root: 'rounds',
      pages: ['pages/households/index', 'pages/household/index', 'pages/visit/index', 'pages/patrol/index', 'pages/log/index', 'pages/plans/index'],
    },
    {
      // 邻里互助 (issue 22): the board (旧物置换 / 互助广告 / 就业招聘), a post with 联系TA / 撤下 / 下架, 发布, 我的发布
      root: 'posts',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/publish/index', 'pages/mine/index'],
    },
    {
      // 代收快递 (issue 22): the counter's parcel desk (登记, the shelf, 取件, 送上门) and a resident's 我的快递
      root: 'parcels',
      pages: ['pages/counter/index', 'pages/mine/index', 'pages/deliver/index'],
    },
    {
      // 社区公告 (issue 22): a resident's notices and one notice; 发布公告 and 公告管理 for staff
      root: 'notices',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/publish/index', 'pages/manage/index'],
    },
    {
      // 社区活动 (issue 22): the coming events (文艺演出, 义诊, 宣讲) and one event (报名, 候补, 取消; at the counter 代报名); 活动管理, 发布活动 and 签到 for staff
      root: 'events',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/manage/index', 'pages/edit/index', 'pages/roster/index'],
    },
    {
      // 代缴代办 (issue 22): a resident's request (and the counter's 代提交 with ?for=), 我的代办; staff 代办单 (接单, 办好了 with a receipt photo)
      root: 'errands',
      pages: ['pages/request/index', 'pages/mine/index', 'pages/staff/index'],
    },
    {
      // 找师傅 (issue 22): a resident's directory and asks, 我的转介 with ratings; staff 转介 (推荐, 待复核) and 服务商名录
      root: 'providers',
      pages: ['pages/index/index', 'pages/mine/index', 'pages/staff/index', 'pages/manage/index'],
    },
    {
      // 解忧智囊团 (issue 22): a volunteer's 我的志愿服务; the staff's team, 招募/退出, 值班表 and 记工时
      root: 'volunteers',
      pages: ['pages/mine/index', 'pages/team/index', 'pages/patrol/index'],
    },
    {
      // 家人代办 (issue 22): a family member's code, their linked elders and the 「为TA办理」 switch
      root: 'family',
      pages: ['pages/index/index'],
    },
    {
      // the community console: people, roles and grids (community admins); statistics and the
      // ledger (admins; grid workers see their own figures)
      root: 'console',
      pages: ['pages/people/index', 'pages/person/index', 'pages/grids/index', 'pages/grid/index', 'pages/stats/index', 'pages/ledger/index', 'pages/ticketSettings/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b4282d',
    navigationBarTitleText: '解忧铺',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ef',
  },
  // inject only the components a page actually uses (WeChat's 按需注入: faster start-up)
  lazyCodeLoading: 'requiredComponents',
  // which pages WeChat search may index (src/sitemap.json, copied to dist/weapp by config/index.ts)
  sitemapLocation: 'sitemap.json',
  // the mini-program uses cloud development (project.config.json cloudfunctionRoot)
  ...({ cloud: true } as object),
});
