/**
 * Issue 19, "Preloads are typed by name" — for `ticket`, `stall` and the shared `preloadQuota`:
 * each action's preload declaration keeps its preloads' names and document types, so a handler
 * reads `preloaded.grids` as `GridWithWorkers[]` (not `unknown[]` through a cast).
 *
 * The type half is checked by `tsc --noEmit` (this file is in tsconfig's `include`): a declaration
 * annotated `Record<string, Preload>` again, or a preload without its document type, makes one of
 * the `Same<…>` lines below a compile error. The run-time half checks that each declaration asks
 * for the same documents by the same names as before (the round trips depend on it).
 */
import type { Estate, ProductWatch, Stall, StallApplication, StallDraw, Vendor } from '../../cloudfunctions/shared/model';
import { preloadQuota, type QuotaDoc } from '../../cloudfunctions/shared/quotas';
import type { Input, PreloadsOf } from '../../cloudfunctions/shared/router';
import type { actions as ticketActions } from '../../cloudfunctions/ticket/contract';
import type { Preloaded } from '../../cloudfunctions/shared/users';
import { ticketPreload } from '../../cloudfunctions/ticket/actions/answer';
import { fileCasePreload } from '../../cloudfunctions/ticket/actions/file';
import { joinPreload } from '../../cloudfunctions/ticket/actions/follow';
import { queuePreload } from '../../cloudfunctions/ticket/actions/queue';
import { reportPreload } from '../../cloudfunctions/ticket/actions/report';
import type { GridWithWorkers, PreloadedTicket } from '../../cloudfunctions/ticket/tickets';
import type { Ticket } from '../../cloudfunctions/shared/model';
import { drawRecordPreload } from '../../cloudfunctions/stall/actions/lottery';
import { applyStallPreload, withdrawPreload } from '../../cloudfunctions/stall/actions/vendor';
import { preloadVendor } from '../../cloudfunctions/stall/vendors';

/** `true` only when `A` and `B` are the same type (a compile error below otherwise). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Same<A, B>): Same<A, B> => ok;

type Report = Preloaded<PreloadsOf<typeof reportPreload>>;
type Join = Preloaded<PreloadsOf<typeof joinPreload>>;
type FileCase = Preloaded<PreloadsOf<typeof fileCasePreload>>;
type Queue = Preloaded<PreloadsOf<typeof queuePreload>>;
type Step = Preloaded<PreloadsOf<typeof ticketPreload>>;
type ApplyStall = Preloaded<PreloadsOf<typeof applyStallPreload>>;
type Withdraw = Preloaded<PreloadsOf<typeof withdrawPreload>>;
type DrawRecord = Preloaded<PreloadsOf<typeof drawRecordPreload>>;

const input: Input<typeof ticketActions.report> = { category: 'noise', text: '楼上晚上很吵', photos: [], anonymous: true, requestId: 'r1' };

describe('ticket and stall preloads are typed by name', () => {
  it('a handler reads each preload as its documents (checked by tsc)', () => {
    const checks = [
      same<Report['grids'], GridWithWorkers[]>(true),
      same<Report['earlier'], Ticket[]>(true),
      same<Report['quota'], QuotaDoc[]>(true),
      // declared only when the report names an estate: absent otherwise
      same<Report['estate'], Estate[] | undefined>(true),
      same<Join['ticket'], PreloadedTicket[]>(true),
      same<Join['quota'], QuotaDoc[]>(true),
      same<FileCase['grids'], GridWithWorkers[]>(true),
      same<Queue['mine'], PreloadedTicket[] | undefined>(true),
      same<Queue['ticket'], PreloadedTicket[] | undefined>(true),
      same<Step['ticket'], PreloadedTicket[]>(true),
      same<Preloaded<typeof preloadVendor>['vendor'], Vendor[]>(true),
      same<ApplyStall['vendor'], Vendor[]>(true),
      same<ApplyStall['plan'], Stall[]>(true),
      same<ApplyStall['day'], StallApplication[]>(true),
      same<ApplyStall['watches'], ProductWatch[]>(true),
      same<ApplyStall['draws'], StallDraw[]>(true),
      same<Withdraw['application'], StallApplication[]>(true),
      same<DrawRecord['record'], StallDraw[]>(true),
      same<DrawRecord['waiting'][number]['_id'], string>(true),
    ];
    expect(checks.every(Boolean)).toBe(true);
  });

  it('each declaration asks for the same collections by the same names as before', () => {
    const from = (p: Record<string, { from: string } | undefined>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v?.from]));
    expect(from(reportPreload(input))).toEqual({ grids: 'grids', earlier: 'tickets', quota: 'quotas' });
    expect(from(reportPreload({ ...input, where: { estateId: 'e1' } }))).toEqual({ grids: 'grids', earlier: 'tickets', quota: 'quotas', estate: 'estates' });
    expect(from(joinPreload({ ticketId: 't1' }))).toEqual({ ticket: 'tickets', quota: 'quotas', grids: 'grids' });
    expect(from(queuePreload({}))).toEqual({ mine: 'tickets' });
    expect(from(queuePreload({ sameReporterAs: 't1' }))).toEqual({ ticket: 'tickets' });
    expect(from(applyStallPreload({ dates: ['2026-12-12'] }))).toEqual({ vendor: 'vendors', plan: 'stalls', day: 'stallApplications', watches: 'productWatches', draws: 'stallDraws' });
    expect(from(withdrawPreload({ applicationId: 'a1' }))).toEqual({ vendor: 'vendors', application: 'stallApplications' });
    expect(from(drawRecordPreload({ date: '2026-12-12' }))).toEqual({ record: 'stallDraws', waiting: 'stallApplications' });
    expect(preloadQuota('2026-12-06')).toEqual({ from: 'quotas', match: { by: 'user', day: '2026-12-06' }, sameAsCaller: { who: '_id' } });
  });
});
