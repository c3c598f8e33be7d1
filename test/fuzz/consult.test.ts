/**
 * Fuzzing (test/fuzz/fuzz-actions.ts): every action of consult (有事来商量, issue 20) — a file of its own
 * so that Jest's two workers share the fuzzing.
 */
import { fuzzFunctions } from './fuzz-actions';

fuzzFunctions(['consult']);
