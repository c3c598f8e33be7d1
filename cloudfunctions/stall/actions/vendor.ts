/**
 * What a vendor does: `myVendor`, `updateGoods`, `applyStall`, `withdraw`. Contracts: `../contract.ts`.
 */
import { callerOpenid, db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { ProductWatch, Stall, StallApplication, StallDraw } from '../../shared/model';
import type { Handler, PreloadsOf } from '../../shared/router';
import { checkText } from '../../shared/security';
import { cancelBookingsOf } from '../../shared/slotClosures';
import { local } from '../../shared/time';
import { preloadOf } from '../../shared/users';
import type { actions, StallApplicationView } from '../contract';
import { assertComingDate } from '../days';
import { allocationOf, applyForDraw, drawOf, waitsForDraw } from '../lottery';
import { ACTIVE, activeApplications, allocate, applicationById, applicationsOfVendor, endApplication, waitlistPositions } from '../stalls';
import { approvedVendorOf, ownVendor, preloadVendor, setGoods } from '../vendors';
import { applicationView, vendorView } from '../views';
import { notifyWatchers } from '../watches';

/** `myVendor`: the vendor record came with the caller: 2 round trips (+1 per day where they wait for a stall). */
export const myVendor: Handler<typeof actions.myVendor, typeof preloadVendor> = async (_input, { user, preloaded }) => {
  const v = await ownVendor(user, preloaded?.vendor);
  if (!v) return { vendor: null, applications: [] };
  const apps = await applicationsOfVendor(v._id, local(clockNow()).format('YYYY-MM-DD'));
  const positions = new Map<string, number>();
  for (const date of [...new Set(apps.filter((a) => a.status === 'waitlisted').map((a) => a.date))]) {
    for (const [k, p] of waitlistPositions(await activeApplications(v.communityId, date))) positions.set(k, p);
  }
  return { vendor: vendorView(v, true), applications: apps.map((a) => applicationView(a, positions, user.community)) };
};

/** `updateGoods`: the vendor's goods, each passing content security. Nothing is preloaded (index.ts): the vendor record is one read. */
export const updateGoods: Handler<typeof actions.updateGoods> = async ({ goods }, { user }) => {
  const v = await ownVendor(user);
  if (!v) throw new AppError('VENDOR.NOT_A_VENDOR');
  await Promise.all(goods.map((g) => checkText(g, callerOpenid(), 1)));
  await setGoods(v._id, goods);
  return vendorView({ ...v, goods }, true);
};

/** `applyStall`: what comes with the caller — their vendor record, and the first date's plan, applications, watches and draw record. */
export const applyStallPreload = ({ dates }: { dates: string[] }) => ({
  ...preloadVendor,
  plan: preloadOf<Stall>({ from: 'stalls', match: { active: true }, sameAsCaller: { communityId: 'communityId' }, sort: { number: 1 }, limit: 200 }),
  day: preloadOf<StallApplication>({ from: 'stallApplications', match: { date: dates[0] }, sameAsCaller: { communityId: 'communityId' }, sort: { createdAt: 1 }, limit: 1000 }),
  watches: preloadOf<ProductWatch>({ from: 'productWatches', match: { date: dates[0] }, sameAsCaller: { communityId: 'communityId' }, limit: 200 }),
  draws: preloadOf<StallDraw>({ from: 'stallDraws', match: { date: dates[0] }, sameAsCaller: { communityId: 'communityId' }, limit: 1 }),
});

/** `applyStall`: per date, first come (a stall or the waitlist) or, in lottery mode before the day's draw, `applied`. */
export const applyStall: Handler<typeof actions.applyStall, PreloadsOf<typeof applyStallPreload>> = async ({ dates }, { user, preloaded }) => {
  const v = await approvedVendorOf(user, preloaded?.vendor);
  const now = clockNow();
  for (const d of dates) assertComingDate(user.community, d, now);
  const out: StallApplicationView[] = [];
  const first = dates[0];
  for (const date of [...new Set(dates)].sort()) {
    // the first date's applications, plan and watches came with the caller
    const known =
      date === first && preloaded?.day && preloaded.plan
        ? { active: preloaded.day.filter((a) => ACTIVE.includes(a.status)), plan: preloaded.plan }
        : undefined;
    if (allocationOf(user.community).mode === 'lottery') {
      // before the day's draw the application waits for it (等待抽签); after it, first come
      const drawn = date === first && preloaded?.draws ? preloaded.draws.length > 0 : !!(await drawOf(v.communityId, date));
      if (waitsForDraw(user.community, drawn)) {
        const waiting = await applyForDraw(v, date, user._id, known?.active ?? (await activeApplications(v.communityId, date)));
        if (waiting.status === 'applied') {
          out.push(applicationView(waiting, undefined, user.community));
          continue;
        }
        out.push(applicationView(waiting, waiting.status === 'waitlisted' ? waitlistPositions(await activeApplications(v.communityId, date)) : undefined, user.community));
        if (waiting.status === 'allocated') await notifyWatchers(v, date);
        continue;
      }
    }
    const app = await allocate(v, date, user._id, known);
    // a waiting vendor is told the place the stored line gives them, read after their own write:
    // the preloaded day is a snapshot that concurrent applicants share (issue 16: two were told 24)
    const positions = app.status === 'waitlisted' ? waitlistPositions(await activeApplications(v.communityId, date)) : undefined;
    out.push(applicationView(app, positions));
    if (app.status === 'allocated') await notifyWatchers(v, date, date === first ? preloaded?.watches : undefined);
  }
  return out;
};

/** `withdraw`: the vendor record and the application come with the caller (issue 18: a write ≤ 3 round trips). */
export const withdrawPreload = ({ applicationId }: { applicationId: string }) => ({
  ...preloadVendor,
  application: preloadOf<StallApplication>({ from: 'stallApplications', match: { _id: applicationId }, sameAsCaller: { communityId: 'communityId' } }),
});

/** `withdraw`: ends the vendor's own application; a service volunteer's service that day is cancelled with its bookings. */
export const withdraw: Handler<typeof actions.withdraw, PreloadsOf<typeof withdrawPreload>> = async ({ applicationId }, { user, preloaded }) => {
  const v = await ownVendor(user, preloaded?.vendor);
  const app = preloaded?.application ? preloaded.application[0] : ((await applicationById(applicationId)) ?? undefined);
  if (!v || !app || app.vendorId !== v._id) throw new AppError('VENDOR.APPLICATION_NOT_FOUND');
  const { ended } = await endApplication(app, 'withdrawn', user._id);
  if (v.kind === 'serviceVolunteer' && v.provides) {
    // the service they give will not happen that day: its bookings are cancelled and their residents told
    const { data: services } = await db.collection('services').where({ communityId: v.communityId, name: v.provides }).limit(1).get();
    const service = services[0] as { _id: string } | undefined;
    if (service) {
      const { data: slots } = await db.collection('slots').where({ marketDayId: `${v.communityId}_${app.date}`, serviceId: service._id }).field({ _id: true }).limit(200).get();
      await cancelBookingsOf((slots as { _id: string }[]).map((x) => x._id), `${v.name}这天来不了`, user._id);
    }
  }
  return applicationView(ended, undefined, user.community);
};
