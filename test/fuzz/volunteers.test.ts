/**
 * Fuzzing (test/fuzz/fuzz-actions.ts): every action of volunteers (解忧智囊团, issue 22) — a file of
 * its own, as parcels', so that Jest's workers share the fuzzing.
 */
import { fuzzFunctions } from './fuzz-actions';

fuzzFunctions(['volunteers']);
