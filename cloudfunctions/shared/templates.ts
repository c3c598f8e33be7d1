/**
 * The one list of WeChat subscribe-message templates (订阅消息模板) the kiosk uses (issue 18).
 *
 * Each entry names: the template's key in code, what it tells, its fields (`thing1`, `time2`, …:
 * the keys of the template the community picks in the mini-program's admin console, 订阅消息 →
 * 我的模板), the cloud function that sends it, the function's environment variable holding the real
 * template id (`KIOSK_*_TEMPLATE_ID`, from the deploy env file), the build variable giving the same
 * id to the pages (`TARO_APP_*_TEMPLATE_ID`, read by config/index.ts), and the local stand-in id the
 * emulator accepts when neither is set.
 *
 * Pure data: imported by the functions, by the Taro build config and by the deploy scripts.
 * A one-time template allows one send per tap of 允许 (WeChat errcode 43101 otherwise;
 * developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html).
 */

/** Keys of the templates, in code. */
export type TemplateKey = 'ticketProgress' | 'bookingReminder' | 'bookingChange' | 'waitlistPromoted' | 'stallDraw' | 'productRegistered' | 'consultResult' | 'meetingReminder' | 'opinionReply' | 'parcelArrived' | 'errandDone' | 'referralMade';

/** One template as this file describes it. */
export interface TemplateSpec {
  /** What the message tells, in Chinese (the template's title in the admin console). */
  title: string;
  /** Field key → what it carries. */
  fields: Record<string, string>;
  /** The cloud function that sends it. */
  sender: 'ticket' | 'market' | 'stall' | 'consult' | 'parcels' | 'errands' | 'providers';
  /** The function's environment variable with the real template id. */
  envVar: string;
  /** The build's environment variable with the same id for the pages. */
  buildVar: string;
  /** The id the local emulator uses when no real id is set. */
  localId: string;
}

/** Every template, by key. */
export const TEMPLATES: Record<TemplateKey, TemplateSpec> = {
  ticketProgress: {
    title: '工单进度通知',
    fields: { thing1: '问题', phrase2: '进度', thing3: '说明', time4: '时间' },
    sender: 'ticket',
    envVar: 'KIOSK_TICKET_TEMPLATE_ID',
    buildVar: 'TARO_APP_TICKET_TEMPLATE_ID',
    localId: 'ticketProgressLocal',
  },
  bookingReminder: {
    title: '预约提醒',
    fields: { thing1: '服务', time2: '时间', thing3: '地点' },
    sender: 'market',
    envVar: 'KIOSK_BOOKING_REMINDER_TEMPLATE_ID',
    buildVar: 'TARO_APP_BOOKING_REMINDER_TEMPLATE_ID',
    localId: 'bookingReminderLocal',
  },
  bookingChange: {
    title: '预约变更通知',
    fields: { thing1: '服务', time2: '时间', thing3: '变更' },
    sender: 'market',
    envVar: 'KIOSK_BOOKING_CHANGE_TEMPLATE_ID',
    buildVar: 'TARO_APP_BOOKING_CHANGE_TEMPLATE_ID',
    localId: 'bookingChangedLocal',
  },
  waitlistPromoted: {
    title: '候补成功通知',
    fields: { thing1: '服务', time2: '时间', thing3: '说明' },
    sender: 'market',
    envVar: 'KIOSK_WAITLIST_TEMPLATE_ID',
    buildVar: 'TARO_APP_WAITLIST_TEMPLATE_ID',
    localId: 'waitlistPromotedLocal',
  },
  stallDraw: {
    title: '摊位抽签结果',
    fields: { thing1: '事项', thing2: '结果', time3: '集市时间' },
    sender: 'stall',
    envVar: 'KIOSK_STALL_DRAW_TEMPLATE_ID',
    buildVar: 'TARO_APP_STALL_DRAW_TEMPLATE_ID',
    localId: 'stallDrawLocal',
  },
  productRegistered: {
    title: '到货提醒',
    fields: { thing1: '商品', thing2: '摊主', time3: '集市时间' },
    sender: 'stall',
    envVar: 'KIOSK_PRODUCT_TEMPLATE_ID',
    buildVar: 'TARO_APP_PRODUCT_TEMPLATE_ID',
    localId: 'productRegisteredLocal',
  },
  consultResult: {
    title: '议事结果通知',
    fields: { thing1: '议题', phrase2: '结果', thing3: '说明' },
    sender: 'consult',
    envVar: 'KIOSK_CONSULT_RESULT_TEMPLATE_ID',
    buildVar: 'TARO_APP_CONSULT_RESULT_TEMPLATE_ID',
    localId: 'consultResultLocal',
  },
  /** a meeting the resident signed up for is tomorrow (consult's timer), or was cancelled (issue 20) */
  meetingReminder: {
    title: '会议提醒',
    fields: { thing1: '会议', time2: '时间', thing3: '地点' },
    sender: 'consult',
    envVar: 'KIOSK_MEETING_REMINDER_TEMPLATE_ID',
    buildVar: 'TARO_APP_MEETING_REMINDER_TEMPLATE_ID',
    localId: 'meetingReminderLocal',
  },
  opinionReply: {
    title: '意见建议办理结果',
    fields: { thing1: '意见', phrase2: '结果', thing3: '说明', time4: '时间' },
    sender: 'consult',
    envVar: 'KIOSK_OPINION_TEMPLATE_ID',
    buildVar: 'TARO_APP_OPINION_TEMPLATE_ID',
    localId: 'opinionReplyLocal',
  },
  /** a parcel was logged at the kiosk for the resident (issue 22, `parcels.log`), or is still waiting (`remindParcels`) */
  parcelArrived: {
    title: '快递到达通知',
    fields: { thing1: '快递', character_string2: '取件码', thing3: '取件地点' },
    sender: 'parcels',
    envVar: 'KIOSK_PARCEL_TEMPLATE_ID',
    buildVar: 'TARO_APP_PARCEL_TEMPLATE_ID',
    localId: 'parcelArrivedLocal',
  },
  /** an errand the kiosk ran for the resident is done (issue 22, `errands.done`) */
  errandDone: {
    title: '代办完成通知',
    fields: { thing1: '代办事项', phrase2: '办理状态', thing3: '备注' },
    sender: 'errands',
    envVar: 'KIOSK_ERRAND_TEMPLATE_ID',
    buildVar: 'TARO_APP_ERRAND_TEMPLATE_ID',
    localId: 'errandDoneLocal',
  },
  /** the kiosk referred a provider to the resident (issue 22, `providers.refer`) */
  referralMade: {
    title: '服务推荐通知',
    fields: { thing1: '服务项目', thing2: '推荐师傅', phone_number3: '联系电话' },
    sender: 'providers',
    envVar: 'KIOSK_REFERRAL_TEMPLATE_ID',
    buildVar: 'TARO_APP_REFERRAL_TEMPLATE_ID',
    localId: 'referralMadeLocal',
  },
};

/**
 * The template id of `key` in a function: its environment variable, else the local stand-in.
 * `env` defaults to `process.env`.
 */
export function templateId(key: TemplateKey, env: Record<string, string | undefined> = process.env): string {
  return env[TEMPLATES[key].envVar] || TEMPLATES[key].localId;
}

/** The template ids the pages are built with (key → id), from the build's environment (else the stand-ins). */
export function buildTemplateIds(env: Record<string, string | undefined> = process.env): Record<TemplateKey, string> {
  const out = {} as Record<TemplateKey, string>;
  for (const key of Object.keys(TEMPLATES) as TemplateKey[]) out[key] = env[TEMPLATES[key].buildVar] || TEMPLATES[key].localId;
  return out;
}

/**
 * Long-term subscriptions (长期订阅消息, issue 18 §1): true when the deploy says the mini-program is
 * registered in a service category WeChat opens long-term subscribe messages to — "目前长期性订阅消息
 * 仅向政务民生、医疗、交通、金融、教育等线下公共服务开放" (developers.weixin.qq.com/miniprogram/dev/
 * framework/open-ability/subscribe-message-overview.html; docs/long-term-subscriptions.md) — and the
 * community's templates were chosen from the long-term library. Then one 允许 lets the functions send
 * that template to that person again and again: the consent counting (`shared/consent.ts`) should
 * not spend a send per message. The category belongs to the mini-program (its AppID), not to a
 * community, so this is a deploy setting: `KIOSK_LONG_TERM_SUBSCRIPTIONS=1` in the function's
 * environment (the deploy env file). Default false: every template is one-time.
 */
export function longTermSubscriptions(env: Record<string, string | undefined> = process.env): boolean {
  return env.KIOSK_LONG_TERM_SUBSCRIPTIONS === '1';
}
