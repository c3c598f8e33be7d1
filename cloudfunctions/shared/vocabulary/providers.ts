/**
 * The one home of the words for trusted providers and referrals (找师傅, issue 22): services,
 * a referral's states and when a provider is 待复核. Pure TypeScript, imported by the `providers`
 * and `console` functions and the pages.
 */
import type { ProviderService } from '../model';

/** A referral state's name lives with the other status names (`statuses.ts`). */
export { REFERRAL_STATUS_LABELS } from './statuses';

/** Every service, in the order the directory's tabs list them. */
export const PROVIDER_SERVICES: readonly ProviderService[] = ['housekeeping', 'applianceRepair', 'plumbing', 'other'];

/** A service's name. */
export const PROVIDER_SERVICE_LABELS: Readonly<Record<ProviderService, string>> = {
  housekeeping: '家政',
  applianceRepair: '家电维修',
  plumbing: '管道疏通',
  other: '其他',
};


/** What a provider flagged by its ratings is called on the staff list. */
export const PROVIDER_FLAGGED_LABEL = '待复核';

/**
 * When a provider is flagged (待复核, design §2): an average below `belowStars` over at least
 * `minRatings` ratings. Read where ratings are counted (`shared/providerRatings.ts`) and by the
 * `providers` contract's summaries.
 */
export const PROVIDER_FLAG = { belowStars: 3, minRatings: 3 } as const;
