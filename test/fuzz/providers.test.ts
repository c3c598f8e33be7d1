/**
 * Fuzzing (test/fuzz/fuzz-actions.ts): every action of providers (issue 22) — a file of its
 * own, as rounds', so that Jest's workers share the fuzzing.
 */
import { fuzzFunctions } from './fuzz-actions';

fuzzFunctions(['providers']);
