/**
 * The contract of the `errands` function (代缴 / 代办 at the kiosk, issue 22): each action's caller
 * kind, record rule, input schema (built from `limits.ts`), answer type, errors and summary. The
 * router declares them (`index.ts`), the pages type `call('errands', …)` from this file (type-only),
 * docs/api.md is generated from it. Pure: zod and shared schemas, no SDK. Instants are ISO strings.
 *
 * - A resident asks for an errand for themself (`request`), or staff enter it at the counter with the
 *   resident's spoken consent (`requestFor`).
 * - Staff of the community take it on (`accept`) and mark it done (`done`) with photos of the receipt
 *   — the doer's own uploads — and a note; the resident is told in 消息. Each step is a conditional
 *   update on the state, so two taps at once count once.
 * - The resident may cancel while it is still `requested`; staff may cancel until it is done.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { ErrandKind, ErrandStatus } from '../shared/model';
import { id, noFields, photoFileId, requestId, text } from '../shared/schemas';
import { spokenConsent } from '../shared/spokenConsent';
import { ERRANDS_LIMITS as L } from './limits';

export type { ErrandKind, ErrandStatus };

/** One errand as staff and its resident read it. */
export interface ErrandView {
  id: string;
  residentId: string;
  residentName: string;
  kind: ErrandKind;
  kindLabel: string;
  what: string;
  status: ErrandStatus;
  statusLabel: string;
  requestedAt: string;
  requestedByName: string;
  /** entered at the counter for the resident (代提交) */
  byCounter: boolean;
  assigneeName: string | null;
  acceptedAt: string | null;
  doneAt: string | null;
  doneNote: string | null;
  /** temporary URLs of the receipt photos (10 minutes), in order; a missing file is left out */
  receiptUrls: string[];
  cancelReason: string | null;
}

const kind = z.enum(['utilities', 'certificate', 'other']);
const status = z.enum(['requested', 'accepted', 'done', 'cancelled']);
const GROUP = '代缴代办 (errands)';
const STAFF_RULE = "a grid worker or admin of the errand's community (the caller's)";

/** The actions of `errands`: action name → contract. */
export const actions = {
  request: contract<ErrandView>()({
    who: 'registered',
    rule: 'a resident, for themself',
    input: z.object({ kind, what: text(L.what.min, L.what.max), requestId }).strict(),
    group: GROUP,
    summary: `代缴代办: a resident asks the kiosk to run an errand for them (代缴水电费, 代办证明, 其他; what, ${L.what.min}–${L.what.max} characters). Staff callers are refused (they use \`requestFor\`). A repeated \`requestId\` returns the first errand (another payload with it: \`COMMON.REQUEST_REUSED\`). 2 database round trips after the caller (an earlier errand of the request; the insert).`,
    errors: ['COMMON.FORBIDDEN', 'COMMON.REQUEST_REUSED'],
  }),
  requestFor: contract<ErrandView>()({
    who: 'staff',
    rule: "a grid worker or admin, for a resident of their community, with the resident's spoken consent",
    input: z.object({ residentId: id, kind, what: text(L.what.min, L.what.max), consent: spokenConsent, requestId }).strict(),
    group: GROUP,
    summary: '代提交: staff at the counter enter an errand for a resident of their community, recording the resident\'s spoken consent (`consent.spoken: false`: `COUNTER.CONSENT_REQUIRED`, nothing written). A repeated `requestId` returns the first errand.',
    errors: ['ERRANDS.RESIDENT_NOT_FOUND', 'COUNTER.CONSENT_REQUIRED', 'COMMON.REQUEST_REUSED'],
  }),
  accept: contract<ErrandView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.object({ errandId: id }).strict(),
    group: GROUP,
    summary: '接单: the caller takes on a requested errand (its assignee). A conditional update on `requested`: two taps at once take it once (the second: `ERRANDS.WRONG_STATE`).',
    errors: ['ERRANDS.NOT_FOUND', 'ERRANDS.WRONG_STATE'],
  }),
  done: contract<ErrandView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.object({ errandId: id, receiptPhotos: z.array(photoFileId).max(L.receiptPhotos.max), note: text(0, L.note.max).optional() }).strict(),
    group: GROUP,
    summary: `办好了: a requested or accepted errand is done, with up to ${L.receiptPhotos.max} photos of the receipt — the caller's own uploads (\`tickets/<caller id>/…\`, else \`COMMON.FORBIDDEN\`); 代缴水电费 needs at least one (\`ERRANDS.RECEIPT_REQUIRED\`). A conditional update on the state (twice at once: once). The resident is told in 消息.`,
    errors: ['ERRANDS.NOT_FOUND', 'ERRANDS.WRONG_STATE', 'ERRANDS.RECEIPT_REQUIRED', 'COMMON.FORBIDDEN'],
  }),
  cancel: contract<ErrandView>()({
    who: 'registered',
    rule: "the errand's resident while it is requested; staff of its community until it is done",
    input: z.object({ errandId: id, reason: text(0, L.reason.max).optional() }).strict(),
    group: GROUP,
    summary: 'Cancel an errand: its resident while nobody has taken it on; staff of the community while it is not done. Anyone else: `ERRANDS.NOT_FOUND` (nothing revealed).',
    errors: ['ERRANDS.NOT_FOUND', 'ERRANDS.WRONG_STATE'],
  }),
  mine: contract<ErrandView[]>()({
    who: 'registered',
    rule: "the caller's own errands",
    input: noFields,
    group: GROUP,
    summary: `我的代办: the caller's errands, newest first (≤ ${L.mineMax}), with their state and receipt photos.`,
    errors: [],
  }),
  list: contract<ErrandView[]>()({
    who: 'staff',
    rule: "the caller's community's errands",
    input: z.object({ status }).strict(),
    group: GROUP,
    summary: `代办单: the community's errands of one state (≤ ${L.listMax}); open ones oldest first, done and cancelled newest first.`,
    errors: [],
  }),
} satisfies Contracts;

export const about = `
代缴 / 代办 at the kiosk (issue 22): a resident asks for an errand (代缴水电费, 代办证明, 其他), or the
counter enters it with their spoken consent; staff take it on (接单) and mark it done (办好了) with a
photo of the receipt; the resident is told in 消息 and sees its state in 我的代办.
Types: \`cloudfunctions/errands/contract.ts\`; limits: \`cloudfunctions/errands/limits.ts\`.
`;
