/**
 * Fuzzing (test/fuzz/fuzz-actions.ts): every action of market, ticket, stall, account and console, and
 * the table's checks (every declared action is fuzzed somewhere). consult's actions: consult.test.ts; rounds': rounds.test.ts; parcels': parcels.test.ts; notices': notices.test.ts; posts': posts.test.ts; volunteers': volunteers.test.ts.
 */
import { ACTIONS, fuzzFunctions, fuzzTableChecks } from './fuzz-actions';

fuzzTableChecks();
fuzzFunctions(Object.keys(ACTIONS).filter((fn) => fn !== 'consult' && fn !== 'rounds' && fn !== 'parcels' && fn !== 'notices' && fn !== 'errands' && fn !== 'providers' && fn !== 'posts' && fn !== 'volunteers'));
