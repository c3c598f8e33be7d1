/**
 * Fuzzing (test/fuzz/fuzz-actions.ts): every action of notices (公告, 政策宣传; issue 22) —
 * a file of its own, as consult's, so that Jest's workers share the fuzzing.
 */
import { fuzzFunctions } from './fuzz-actions';

fuzzFunctions(['notices']);
