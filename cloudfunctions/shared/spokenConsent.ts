/**
 * The one check and record of a resident's spoken consent at the counter (代办; issue 19 "One
 * vocabulary"): `account.registerFor`, `ticket.reportFor` and `market.bookFor` validate the event's
 * `consent` with {@link spokenConsent} and turn it into what they store with
 * {@link recordSpokenConsent}. The shape the pages send is `vocabulary/consent.ts`.
 */
import { z } from 'zod';
import { AppError } from './errors';
import type { AssistConsent, User } from './model';
import { text } from './schemas';
import { CONSENT_NOTE_MAX, type SpokenConsentInput } from './vocabulary/consent';

/** The event's `consent`: `{ spoken: boolean, note?: ≤ 100 characters }`, nothing else. */
export const spokenConsent = z.object({ spoken: z.boolean(), note: text(0, CONSENT_NOTE_MAX).optional() }).strict();

/** Compile-time check: the schema accepts exactly the pages' shape (a drift fails the typecheck). */
export type SpokenConsentMatches = [z.infer<typeof spokenConsent>, SpokenConsentInput] extends [SpokenConsentInput, z.infer<typeof spokenConsent>] ? true : never;
const consentShapeMatches: SpokenConsentMatches = true;
void consentShapeMatches;

/**
 * What is stored for the consent `input` heard by `staff`: `{ method: 'spoken', recordedBy,
 * recordedByName, note? }`. Throws `COUNTER.CONSENT_REQUIRED` when the resident did not say yes
 * (`spoken: false`) — call it before anything is read or written.
 */
export function recordSpokenConsent(input: SpokenConsentInput, staff: Pick<User, '_id' | 'name'>): AssistConsent {
  if (!input.spoken) throw new AppError('COUNTER.CONSENT_REQUIRED');
  return { method: 'spoken', recordedBy: staff._id, recordedByName: staff.name, ...(input.note ? { note: input.note } : {}) };
}
