/**
 * The codes people read out or copy by hand — a booking's check-in code (market), a link code that
 * ties a resident's WeChat to the record the counter made (account): one alphabet for both.
 * Pure constants.
 */

/** Letters and digits that cannot be mistaken for each other when read aloud or on paper. */
export const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';
/** Characters in a code. */
export const CODE_LENGTH = 6;
