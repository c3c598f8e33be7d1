/**
 * docs/api.md is generated from the contracts (issue 19) and must equal them: a changed schema,
 * answer type, caller kind, rule or summary without the doc (or the reverse) fails here.
 * `UPDATE_API_DOC=1 npx jest test/deploy/api-doc` rewrites the file. Also: every function's table
 * declares exactly its contracts' actions, each from its contract (same schema object, caller
 * kind and rule), so the router, the client types and the doc cannot disagree; and every error
 * code of the catalogue is in the intro with its current message. (`router.ts` declares an action
 * only from a contract: `action.of`.)
 */
import fs from 'fs';
import path from 'path';
import { ERRORS } from '../../cloudfunctions/shared/errors';
import type { Contracts } from '../../cloudfunctions/shared/contract';
import { apiDoc, FUNCTIONS } from '../support/api-doc';

const ROOT = path.join(__dirname, '..', '..');
const file = path.join(ROOT, 'docs', 'api.md');

jest.setTimeout(120_000);

it('docs/api.md is what the contracts generate', () => {
  const generated = apiDoc();
  if (process.env.UPDATE_API_DOC === '1') fs.writeFileSync(file, generated);
  expect(fs.readFileSync(file, 'utf8')).toBe(generated);
});

it('every error code is documented with the message the functions answer', () => {
  const intro = fs.readFileSync(path.join(ROOT, 'docs', 'api', 'intro.md'), 'utf8');
  for (const [code, message] of Object.entries(ERRORS)) expect(`${code} ${intro.includes(`| \`${code}\` | ${message} |`)}`).toBe(`${code} true`);
});

describe.each(FUNCTIONS)('function %s declares its actions from its contracts', (fn) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { actions } = require(path.join(ROOT, 'cloudfunctions', fn, 'contract.ts')) as { actions: Contracts };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { permissions, table } = require(path.join(ROOT, 'cloudfunctions', fn, 'index.ts')) as {
    permissions: Record<string, { kind: string; rule: string }>;
    table: Record<string, { input: unknown }>;
  };
  const names = Object.keys(actions);
  it('one contract per declared action, the same schema, caller kind and rule', () => {
    const declaredNames = Object.keys(permissions).filter((n) => !n.startsWith('timer:'));
    expect(names.sort()).toEqual(declaredNames.sort());
    for (const name of names) {
      expect({ name, ...permissions[name] }).toEqual({ name, kind: actions[name].who, rule: actions[name].rule, ...(actions[name].familyProxy ? { familyProxy: true } : {}) });
      expect(table[name].input).toBe(actions[name].input);
    }
  });
});
