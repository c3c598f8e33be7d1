/**
 * A resident's spoken consent to be served on their behalf at the counter (代办: 代登记, 代为反映,
 * 代预约) — what the pages send (issue 19 "One vocabulary"). Pure TypeScript, imported by the
 * pages (config/index.ts `SHARED_WITH_FUNCTIONS`); the functions check it and record it with
 * `shared/spokenConsent.ts` (the zod schema and the record, `AssistConsent` of `shared/model.ts`).
 *
 * `spoken: true` means the resident said yes in front of the staff member (the page asks the staff
 * member to confirm it first); `note` (0–{@link CONSENT_NOTE_MAX} characters) is optional.
 */

/** The longest consent note (characters). */
export const CONSENT_NOTE_MAX = 100;

/** The consent a counter call carries: `{ spoken, note? }`. */
export interface SpokenConsentInput {
  spoken: boolean;
  note?: string;
}

/** The consent a page sends once the staff member confirmed the resident said yes (with the note, if any). */
export function spokenConsentGiven(note?: string): SpokenConsentInput {
  return note ? { spoken: true, note } : { spoken: true };
}
