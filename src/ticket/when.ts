/**
 * Dates and times of tickets as a person reads them: the shared module `src/ui/time.ts` (always
 * China time, `12月11日 周五 14:05`), re-exported here for the ticket pages' imports.
 */
export { dayText, isLocalDate, localDate, localDateOf, whenText } from '../ui/time';
