/**
 * 家人代办 pages (issue 22 §5): the answers of `account`'s family actions, the relation labels, and
 * the page URLs. Calls go through `call('account', …)` (src/services/call.ts); what they answer:
 * cloudfunctions/account/contract.ts (`FamilyCodeView`, `FamilyLinkView`).
 */
export type { FamilyCodeView, FamilyLinkView } from '../../cloudfunctions/account/contract';
export { FAMILY_RELATIONS, FAMILY_RELATION_LABELS, FAMILY_CODE_MINUTES, type FamilyRelation } from '../../cloudfunctions/shared/vocabulary/family';

/** The pages. */
export const FAMILY_URLS = {
  index: '/family/pages/index/index',
} as const;
