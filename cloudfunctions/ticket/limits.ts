/**
 * The `ticket` function's text and count limits, in one place for both sides (issue 19): the
 * schemas of `contract.ts` are built from them, and the forms of `src/ticket` and `src/desk` take
 * their `maxlength` and "至少 N 个字" checks from them. Lengths are characters as a person counts
 * them (code points: 汉字 and emoji count once), after trimming. Plain constants: imports nothing.
 */
export const TICKET_LIMITS = {
  /** a report's words (`report`, `fileCase`, `reportFor`) */
  text: { min: 5, max: 500 },
  /** a place: building, unit (1–n), spot (0–n) */
  where: { building: 20, unit: 20, spot: 50 },
  /** photos of one report */
  photos: 3,
  /** a rating's comment (`rate`, may be empty) */
  comment: { min: 0, max: 200 },
  /** a worker's note (`note`) */
  note: { min: 1, max: 500 },
  /** `coordinate`: the other department's name, the contact, what was agreed */
  departmentName: { min: 1, max: 30 },
  contact: { min: 1, max: 60 },
  agreed: { min: 1, max: 300 },
  /** why a worker returns a ticket (`returnTicket`) */
  reason: { min: 2, max: 200 },
  /** the result of handling (`handle`) */
  result: { min: 2, max: 500 },
  /** what the reporter said at the follow-up (`followUp`) */
  reporterSaid: { min: 1, max: 300 },
  /** the closing summary (`close`, may be empty) */
  summary: { min: 0, max: 300 },
  /** an admin's supervision or reminder words (`supervise`, `remind`) */
  adminNote: { min: 1, max: 200 },
  /** why the assignee asks for a later deadline (`requestExtension`), why an admin declines it (`decideExtension`) */
  extensionReason: { min: 2, max: 200 },
  /** why a ticket is suspended (`suspend`): waiting for a department, the weather */
  suspendReason: { min: 2, max: 200 },
  /** what the checker found on site (`verify`; a failed check needs at least `failedMin`) */
  verifyNote: { min: 0, max: 300, failedMin: 2 },
  /** after-photos of a check (`verify`) */
  verifyPhotos: 3,
  /** an extension's new date and a suspension's return date: at most this many days from today (design §3) */
  maxDaysAhead: 60,
} as const;
