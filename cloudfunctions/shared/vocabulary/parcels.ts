/**
 * The one home of the words for parcels (代收快递, issue 22): carriers and a parcel's states, as the
 * counter and the resident read them. Pure TypeScript, imported by the `parcels` function and the pages.
 */
import type { ParcelCarrier, ParcelStatus } from '../model';

/** Every carrier, in the order the counter's chips list them. */
export const PARCEL_CARRIERS: readonly ParcelCarrier[] = ['sf', 'zto', 'yto', 'yunda', 'jd', 'ems', 'other'];

/** A carrier's name. */
export const PARCEL_CARRIER_LABELS: Readonly<Record<ParcelCarrier, string>> = {
  sf: '顺丰',
  zto: '中通',
  yto: '圆通',
  yunda: '韵达',
  jd: '京东',
  ems: '邮政',
  other: '其他',
};

/** A parcel's state, as people read it. */
export const PARCEL_STATUS_LABELS: Readonly<Record<ParcelStatus, string>> = {
  waiting: '待取件',
  pickedUp: '已取件',
  delivered: '已送到家',
  returned: '已退回',
};

/** The word for a parcel left on the shelf past the reminder days. */
export const PARCEL_OVERDUE_LABEL = '超期未取';
