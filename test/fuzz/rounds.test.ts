/**
 * Fuzzing (test/fuzz/fuzz-actions.ts): every action of rounds (the grid workers' own rounds, issue 21) —
 * a file of its own, as consult's, so that Jest's workers share the fuzzing.
 */
import { fuzzFunctions } from './fuzz-actions';

fuzzFunctions(['rounds']);
