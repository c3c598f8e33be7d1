/**
 * The one home of the words for errands (代缴 / 代办, issue 22): kinds and states as residents and
 * staff read them. Pure TypeScript, imported by the `errands` function and the pages.
 */
import type { ErrandKind, ErrandStatus } from '../model';

/** A state's name lives with the other status names (`statuses.ts`). */
export { ERRAND_STATUS_LABELS } from './statuses';

/** Every kind, in the order the form's chips list them. */
export const ERRAND_KINDS: readonly ErrandKind[] = ['utilities', 'certificate', 'other'];

/** A kind's name. */
export const ERRAND_KIND_LABELS: Readonly<Record<ErrandKind, string>> = {
  utilities: '代缴水电费',
  certificate: '代办证明',
  other: '其他代办',
};

/** Every state, in the order the staff list's tabs list them. */
export const ERRAND_STATUSES: readonly ErrandStatus[] = ['requested', 'accepted', 'done', 'cancelled'];

