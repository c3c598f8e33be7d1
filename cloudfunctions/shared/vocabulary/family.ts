/**
 * The one home of the family-member relations (家人代办, issue 22 §5; docs/everyday-services-design.md):
 * how an elder's family member is related to them, as staff pick it at the counter (绑定家人) and
 * as records name the member (`邹建庄的女儿 邹梅`, `邹梅（女儿）`). Pure TypeScript (no SDK, no
 * Taro): the functions import it and the pages too (config/index.ts `SHARED_WITH_FUNCTIONS`).
 *
 * The design lists 子女, 配偶, 亲属; 子女 is split into 儿子 / 女儿 so that a record can say
 * 「邹建庄的女儿 邹梅」 as the design's example does.
 */

/** How a family member is related to the elder. */
export type FamilyRelation = 'son' | 'daughter' | 'spouse' | 'relative';

/** The relations in the order the counter offers them. */
export const FAMILY_RELATIONS: readonly FamilyRelation[] = ['daughter', 'son', 'spouse', 'relative'];

/** Chinese name of each relation. */
export const FAMILY_RELATION_LABELS: Readonly<Record<FamilyRelation, string>> = {
  son: '儿子',
  daughter: '女儿',
  spouse: '配偶',
  relative: '亲属',
};

/** How long a family link code is valid (minutes). */
export const FAMILY_CODE_MINUTES = 30;
/** A family link code: this many digits. */
export const FAMILY_CODE_DIGITS = 6;

/** The family member as a record names them when acting for the elder: `邹建庄的女儿 邹梅`. */
export function familyActorName(elderName: string, relation: FamilyRelation, memberName: string): string {
  return `${elderName}的${FAMILY_RELATION_LABELS[relation]} ${memberName}`;
}

/** The first step of a ticket reported by a family member: `由家人 邹梅（女儿）代为反映`. */
export function familyReportNote(relation: FamilyRelation, memberName: string): string {
  return `由家人 ${memberName}（${FAMILY_RELATION_LABELS[relation]}）代为反映`;
}

/**
 * A link's `activeKey` while active: `<memberOpenid>|<elderId>` — unique (`familyLinks.activeKey_unique`),
 * so one member has at most one active link to one elder; a revoked link's key is `revoked:<linkId>`.
 */
export function familyLinkKey(memberOpenid: string, elderId: string): string {
  return `${memberOpenid}|${elderId}`;
}
