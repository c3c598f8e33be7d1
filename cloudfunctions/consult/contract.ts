/**
 * The contract of the `consult` function (有事来商量, issue 20): each action's caller kind, record
 * rule, input schema (built from `limits.ts`), answer type, errors and summary (`actions`), and the
 * function's notes (`about`). The actions are written in three files by area — `contracts/topics.ts`
 * (议题, 附议, 表决), `contracts/meetings.ts` (会议), `contracts/opinions.ts` (意见建议) — and joined
 * here; the router declares them (`index.ts`), the client types `call('consult', …)` from this file
 * (type-only), docs/api.md is generated from it. Design: docs/consultation-design.md.
 */
import { meetingActions } from './contracts/meetings';
import { opinionActions } from './contracts/opinions';
import { topicActions } from './contracts/topics';

export type * from './contracts/topics';
export type * from './contracts/meetings';
export type * from './contracts/opinions';

/** Every action of `consult`. */
export const actions = { ...topicActions, ...meetingActions, ...opinionActions };

export const about = `
有事来商量 — the fourth pillar of the kiosk (issue 20): topics residents decide by household (议题, 附议,
表决 — one vote per 户, cast in WeChat, at the counter or on paper, never counted twice), meetings with
minutes (业主会议, 座谈会, 庭院会, 议事长廊, 协商议事), and opinions (意见建议) followed to their end, some
through a ticket. Types: \`cloudfunctions/consult/contract.ts\`; form limits: \`cloudfunctions/consult/limits.ts\`;
design and the legal sources of the decision rules: \`docs/consultation-design.md\`.
`;
