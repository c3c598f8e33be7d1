/**
 * How this function's records are shown (no database reads): a vendor record → `VendorView`, a stall
 * application → `StallApplicationView`, a draw record → `DrawView` (contract.ts). Labels come from
 * `domain/stalls.ts`; dates are worded by the market calendar (`11月15日 周五`).
 */
import type { Community, StallApplication, StallDraw, Vendor } from '../shared/model';
import { maskPhone } from '../shared/vocabulary/phone';
import { dateLabel } from './days';
import type { DrawView, StallApplicationView, VendorView } from './contract';
import { drawMoment } from './domain/lottery';
import { KIND_LABELS, STALL_STATUS_LABELS, VENDOR_STATUS_LABELS } from '../shared/vocabulary/statuses';
import { allocationOf } from './lottery';
import { checkInCodeOf } from './stalls';

/** A vendor as they see themselves (and admins see them: `fullPhone`); others see the phone masked. */
export function vendorView(v: Vendor, fullPhone: boolean): VendorView {
  const status = v.status ?? 'approved';
  return {
    id: v._id,
    name: v.name,
    kind: v.kind,
    kindLabel: KIND_LABELS[v.kind],
    goods: v.goods ?? [],
    provides: v.provides ?? null,
    phone: v.phone ? (fullPhone ? v.phone : maskPhone(v.phone)) : null,
    status,
    statusLabel: VENDOR_STATUS_LABELS[status],
    rejectReason: v.rejectReason ?? null,
    regular: !!v.regular,
    regularStall: v.regularStall ?? null,
    absences: v.absences ?? 0,
    createdAt: (v.createdAt ?? new Date(0)).toISOString(),
  };
}

/** When the draw for `date` is, in words (`11月20日 周三 18:00`), or null when the community does not draw. */
export function drawAtLabelOf(community: Community | null, date: string): string | null {
  const allocation = allocationOf(community);
  if (allocation.mode !== 'lottery') return null;
  const m = drawMoment(date, allocation);
  return `${dateLabel(m.date)} ${m.time}`;
}

/**
 * An application as clients see it. `positions`: waitlist places by application id (a waitlisted
 * application without one shows null); `community`: for an `applied` one's draw time ('' without it).
 */
export function applicationView(a: StallApplication, positions?: Map<string, number>, community?: Community | null): StallApplicationView {
  return {
    id: a._id,
    date: a.date,
    dateLabel: dateLabel(a.date),
    vendorId: a.vendorId,
    vendorName: a.vendorName,
    goods: a.goods,
    status: a.status,
    statusLabel: STALL_STATUS_LABELS[a.status],
    stallNumber: a.status === 'allocated' || a.status === 'checkedIn' ? a.stallNumber : null,
    waitlistPosition: a.status === 'waitlisted' ? (positions?.get(a._id) ?? null) : null,
    checkInCode: a.status === 'allocated' ? checkInCodeOf(a) : null,
    drawAtLabel: a.status === 'applied' ? (drawAtLabelOf(community ?? null, a.date) ?? '') : null,
    viaDraw: !!a.drawn,
    createdAt: a.createdAt.toISOString(),
  };
}

/** A draw record as clients see it. */
export function drawView(r: StallDraw): DrawView {
  return {
    date: r.date,
    algorithm: r.algorithm,
    seed: r.seed,
    applicants: r.applicants.map((a) => ({ applicationId: a.applicationId, vendorName: a.vendorName, regularStall: a.regularStall, appliedAt: new Date(a.appliedAt).toISOString() })),
    plan: r.plan,
    held: r.held,
    freeStalls: r.freeStalls,
    oversubscribed: r.oversubscribed,
    order: r.order,
    results: r.results,
    drawnBy: r.drawnByName,
    drawnAt: new Date(r.drawnAt).toISOString(),
  };
}
