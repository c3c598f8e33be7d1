/**
 * The one home of the words for trusted providers and referrals (找师傅, issue 22): services and
 * a referral's states. Pure TypeScript, imported by the `providers` function and the pages.
 */
import type { ProviderService, ReferralStatus } from '../model';

/** Every service, in the order the directory's tabs list them. */
export const PROVIDER_SERVICES: readonly ProviderService[] = ['housekeeping', 'applianceRepair', 'plumbing', 'other'];

/** A service's name. */
export const PROVIDER_SERVICE_LABELS: Readonly<Record<ProviderService, string>> = {
  housekeeping: '家政',
  applianceRepair: '家电维修',
  plumbing: '管道疏通',
  other: '其他',
};

/** A referral's state, as people read it. */
export const REFERRAL_STATUS_LABELS: Readonly<Record<ReferralStatus, string>> = {
  requested: '等待社区推荐',
  referred: '已推荐师傅',
  rated: '已评价',
  cancelled: '已取消',
};

/** What a provider flagged by its ratings is called on the staff list. */
export const PROVIDER_FLAGGED_LABEL = '待复核';
