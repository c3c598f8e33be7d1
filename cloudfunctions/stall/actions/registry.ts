/**
 * The registry (登记本) and what anyone may ask of it: `communities`, `registry`, `search`, and the
 * stall plan (`stalls`). Contracts: `../contract.ts`.
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import type { Community } from '../../shared/model';
import type { Handler } from '../../shared/router';
import { local } from '../../shared/time';
import type { actions } from '../contract';
import { comingDatesOf, dateLabel, marketCommunityOf, marketOf, nextMarketDate } from '../days';
import { expandQuery, goodAnswer, questionAnswer, sells } from '../domain/goods';
import { parseQuestion } from '../domain/question';
import { KIND_LABELS } from '../../shared/vocabulary/statuses';
import { heldStallsWithVendors, stallPlan } from '../stalls';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** `communities`: the communities that run a market. 1 round trip. */
export const communities: Handler<typeof actions.communities> = async () => {
  const { data } = await db.collection('communities').where({ market: db.command.neq(null) }).orderBy('_id', 'asc').limit(100).get();
  return (data as Community[]).flatMap((c) => {
    const m = marketOf(c);
    return m ? [{ id: c._id, name: c.name, marketName: m.name, weekday: m.weekday, weekdayLabel: WEEKDAYS[m.weekday] ?? '', place: m.place }] : [];
  });
};

/** `registry`: the next market day's held stalls and what their vendors sell. */
export const registry: Handler<typeof actions.registry> = async (_input, { user }) => {
  const community = await marketCommunityOf(user);
  const date = nextMarketDate(community, clockNow());
  if (!community || !date) return { communityName: community?.name ?? null, date: null, dateLabel: null, vendors: [] };
  const coming = await heldStallsWithVendors(community._id, date);
  return {
    communityName: community.name,
    date,
    dateLabel: dateLabel(date),
    vendors: coming.map(({ app, vendor }) => ({ name: vendor.name, kind: vendor.kind, kindLabel: KIND_LABELS[vendor.kind], goods: vendor.goods ?? [], provides: vendor.provides ?? null, stallNumber: app.stallNumber })),
  };
};

/** `search`: a resident's whole question, every good it names answered against the day's registry. 2 round trips. */
export const search: Handler<typeof actions.search> = async ({ query }, { user }) => {
  const community = await marketCommunityOf(user);
  const now = clockNow();
  const coming = comingDatesOf(community, now);
  const today = local(now).format('YYYY-MM-DD');
  // the day word first (it only chooses the day; the goods are read against that day's registry)
  const { day } = parseQuestion(query, [], today);
  const date = day && coming.includes(day.date) ? day.date : (coming[0] ?? null);
  const askedDay = day ? { word: day.word, date: day.date, dateLabel: dateLabel(day.date), marketDay: coming.includes(day.date) } : null;
  const vendorsOfDay = community && date ? await heldStallsWithVendors(community._id, date) : [];
  const registered = [...new Set(vendorsOfDay.flatMap(({ vendor }) => vendor.goods ?? []))];
  const { goods } = parseQuestion(query, registered, today);
  const answers = goods.map((g) => {
    const sellers = vendorsOfDay.filter(({ vendor }) => (vendor.goods ?? []).some((x) => sells(x, g.product))).map(({ app, vendor }) => ({ name: vendor.name, goods: vendor.goods ?? [], stallNumber: app.stallNumber }));
    return { product: g.product, heard: g.heard, known: g.known, matched: expandQuery(g.product), sellers, answer: goodAnswer(g.product, sellers) };
  });
  const sellers = [...new Map(answers.flatMap((a) => a.sellers).map((s) => [`${s.name}|${s.stallNumber}`, s])).values()];
  const label = date ? dateLabel(date) : null;
  return {
    query,
    goods: date ? answers : answers.map((a) => ({ ...a, answer: `${a.product}：这个社区没有集市。` })),
    date,
    dateLabel: label,
    askedDay,
    registered,
    matched: [...new Set(answers.flatMap((a) => a.matched))],
    sellers,
    answer: questionAnswer(label, askedDay && !askedDay.marketDay ? { word: askedDay.word, label: askedDay.dateLabel } : null, answers, registered),
  };
};

/** `stalls`: the caller's community's stall plan. */
export const stalls: Handler<typeof actions.stalls> = async (_input, { user }) => (await stallPlan(user.communityId)).map((s) => ({ number: s.number, label: s.label }));
