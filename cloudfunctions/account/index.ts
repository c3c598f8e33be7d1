/**
 * Cloud function `account`: who the caller is to the kiosk — registration, the counter's residents
 * (代登记, verification, linking WeChat), the phone, messages and consent to WeChat messages, and
 * the console's people, roles, grids and grid robots.
 *
 * This file is only the table: each action's contract (who, input, answer, rule, errors) is in
 * `contract.ts`, its handler in the use-case file it names; docs/api.md is generated from them.
 */
import { callerOpenid } from '../shared/cloud';
import { recordConsent } from '../shared/consent';
import { action, createMain, permissionsOf } from '../shared/router';
import { actions } from './contract';
import { familyCode, familyLinksOf, linkFamily, myElders, unlinkFamily } from './family';
import { confirmLink, requestLink } from './linking';
import { listEstates, me } from './me';
import { myMessages, pagePreload, readMessages } from './messages';
import { listPeople, personOf, roleLog, setRole } from './people';
import { gridsData, saveGrid } from './grids';
import { bindPhone } from './phone';
import { register } from './register';
import { registerFor, residentCard, searchResidents, verifyResident } from './residents';
import { setGridRobot, testGridRobot } from './robots';

const cursorOf = ({ before, beforeId }: { before?: number; beforeId?: string }) => (before === undefined ? undefined : { before, beforeId });
/** Preload (myMessages): the page of the caller's messages, typed by name (`preloaded.page: InboxDoc[]`). */
const preloadPage = (input: { before?: number; beforeId?: string }) => ({ page: pagePreload(cursorOf(input)) });

const table = {
  me: action.of(actions.me, async (_input, { user }) => me(user)),
  listEstates: action.of(actions.listEstates, async () => listEstates(), { loadsCaller: false }),
  // the caller is looked up with the estate (register.ts registrationContext): 3 round trips in all (issue 18)
  register: action.of(actions.register, async (input) => register(input), { loadsCaller: false }),

  // ─── the counter (代办) ───
  searchResidents: action.of(actions.searchResidents, async ({ query }, { user }) => searchResidents(user, query)),
  getResident: action.of(actions.getResident, async ({ residentId }, { user }) => residentCard(user, residentId)),
  registerFor: action.of(actions.registerFor, async (input, { user }) => registerFor(user, input)),
  verifyResident: action.of(actions.verifyResident, async ({ residentId }, { user }) => verifyResident(user, residentId)),
  // the caller is looked up with the link request (linking.ts linkContext): 3 round trips in all (issue 18)
  requestLink: action.of(actions.requestLink, async () => requestLink(), { loadsCaller: false }),
  confirmLink: action.of(actions.confirmLink, async ({ residentId, code }, { user }) => confirmLink(user, residentId, code)),

  // ─── the phone, and messages (issue 18): consent to WeChat messages, and the inbox ───
  bindPhone: action.of(actions.bindPhone, async ({ code }, { user }) => bindPhone(user, code)),
  subscribed: action.of(actions.subscribed, async ({ templateIds }) => recordConsent(callerOpenid(), templateIds), { loadsCaller: false }),
  myMessages: action.of(actions.myMessages, async (input, { user, preloaded }) => myMessages(user._id, cursorOf(input), preloaded?.page), { preload: preloadPage }),
  readMessages: action.of(actions.readMessages, async (input, { user }) => readMessages(user._id, input)),

  // ─── family members (家人代办, issue 22 §5) ───
  // the caller's OPENID is all it needs (registered or not): looked up in its own write
  familyCode: action.of(actions.familyCode, async ({ name }) => familyCode(name), { loadsCaller: false }),
  linkFamily: action.of(actions.linkFamily, async (input, { user }) => linkFamily(user, input)),
  unlinkFamily: action.of(actions.unlinkFamily, async ({ linkId }, { user }) => unlinkFamily(user, linkId)),
  myElders: action.of(actions.myElders, async () => myElders(), { loadsCaller: false }),
  familyLinksOf: action.of(actions.familyLinksOf, async ({ residentId }, { user }) => familyLinksOf(user, residentId)),

  // ─── the console: people, roles, grids (community admins) ───
  people: action.of(actions.people, async ({ query }, { user }) => listPeople(user, query)),
  person: action.of(actions.person, async ({ userId }, { user }) => personOf(user, userId)),
  setRole: action.of(actions.setRole, async (input, { user }) => setRole(user, input)),
  roleLog: action.of(actions.roleLog, async ({ userId }, { user }) => roleLog(user, userId)),
  grids: action.of(actions.grids, async (_input, { user }) => gridsData(user)),
  saveGrid: action.of(actions.saveGrid, async (input, { user }) => saveGrid(user, input)),
  setGridRobot: action.of(actions.setGridRobot, async (input, { user }) => setGridRobot(user, input)),
  testGridRobot: action.of(actions.testGridRobot, async (input, { user }) => testGridRobot(user, input)),
};

export const main = createMain(table);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table);
export { table };
