/**
 * Fuzzing (test/fuzz/fuzz-actions.ts): every action of parcels (代收快递, issue 22) — a file of its
 * own, as rounds', so that Jest's workers share the fuzzing.
 */
import { fuzzFunctions } from './fuzz-actions';

fuzzFunctions(['parcels']);
