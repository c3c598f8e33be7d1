/**
 * Market calendar: which local dates the weekly market falls on.
 * Rule (source: 解忧集市 is held every week on the community's market weekday, Friday by default):
 * a market day is "coming" until it closes, so on a Friday after 13:00 the next one is a week away.
 */
import type { MarketSettings } from './model';
import { local, localInstant } from './time';

/** The furthest a community's booking horizon reaches (weeks); settings beyond it are cut to it. */
export const MAX_HORIZON_WEEKS = 12;

/** Default settings when a community has not set its own: Friday 10:00–13:00, four weeks ahead. */
export const DEFAULT_MARKET: Omit<MarketSettings, 'place'> = {
  name: '解忧集市',
  weekday: 5,
  start: '10:00',
  end: '13:00',
  horizonWeeks: 4,
};

/**
 * The next `settings.horizonWeeks` market dates (`YYYY-MM-DD`, local), in order, counted from
 * `now`. The first is today if today is a market day and the market has not closed yet.
 */
export function comingMarketDates(now: Date, settings: Pick<MarketSettings, 'weekday' | 'end' | 'horizonWeeks'>): string[] {
  const today = local(now).startOf('day');
  const isoToday = today.day() === 0 ? 7 : today.day();
  let first = today.add((settings.weekday - isoToday + 7) % 7, 'day');
  if (now.getTime() >= localInstant(first.format('YYYY-MM-DD'), settings.end).getTime()) first = first.add(7, 'day');
  const weeks = Math.max(1, Math.min(MAX_HORIZON_WEEKS, Math.floor(settings.horizonWeeks)));
  return Array.from({ length: weeks }, (_, i) => first.add(i * 7, 'day').format('YYYY-MM-DD'));
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * Chinese label of a local date `YYYY-MM-DD`, e.g. `11月27日 周五`. A calendar date has no time zone:
 * its weekday is computed on the date itself (no time-zone conversion, which is slow and not needed).
 */
export function dateLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${m}月${d}日 ${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}
