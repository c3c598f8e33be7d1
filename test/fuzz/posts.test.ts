/**
 * Fuzzing (test/fuzz/fuzz-actions.ts): every action of posts (邻里互助, issue 22) — a file of its
 * own, as parcels', so that Jest's workers share the fuzzing.
 */
import { fuzzFunctions } from './fuzz-actions';

fuzzFunctions(['posts']);
