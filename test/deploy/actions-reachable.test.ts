/**
 * Every action a function declares is reachable from a page (issue 17, "Actions no page reaches"),
 * and every call a page makes is the typed one (issue 19).
 *
 * - Declared: each bundled function's exported `permissions` (`declaredActions`), minus the timer
 *   triggers (`timer:*`, fired by the platform, never by a page).
 * - Reached: a page, component or client service (any file under src/ but the transport itself,
 *   src/services/call.ts and cloud*.ts) that calls the typed `call('<fn>', '<action>', …)`
 *   (src/services/call.ts; e.g. subscribe.*.ts → account.subscribed for every subscribe tap).
 * - The transport is used only through `call`: no file under src/ but the services calls
 *   `callFunction` itself (an untyped call would escape the contracts).
 * - Exceptions: declared actions no page calls on purpose, each with why. The list must stay true:
 *   an exception that is not declared, or that a page does reach, fails the test too.
 *
 * Parsed with the TypeScript compiler (no regular expressions over code), so formatting changes do
 * not hide or invent a call.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { declaredActions, startTestCloud, type TestCloud } from '../support/local-cloud';

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

/**
 * Declared actions no page calls, `fn.action` → why. None today: every action a person can call has
 * a page; what only the platform calls is a timer (`timer:<name>`), not an action, and is not listed.
 */
const EXCEPTIONS: Record<string, string> = {
  'consult.mySignUps': 'pending: my sign-ups on 社区议事 (issue 20, wave 2)',
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

const parse = (file: string) => ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

function visit(node: ts.Node, f: (n: ts.Node) => void): void {
  f(node);
  node.forEachChild((c) => visit(c, f));
}

const calleeName = (c: ts.CallExpression): string | null => (ts.isIdentifier(c.expression) ? c.expression.text : null);

let cloud: TestCloud;
let declared: string[];
/** `fn.action` → the places (`file:line`) that call it */
let reached: Map<string, string[]>;
/** files outside src/services that call `callFunction` directly */
let untyped: string[];

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 1, seed: false });
  declared = Object.entries(declaredActions(cloud))
    .filter(([, who]) => who.kind !== 'timer')
    .map(([k]) => k)
    .sort();
  reached = new Map();
  untyped = [];
  for (const f of filesUnder(src)) {
    const rel = path.relative(root, f);
    // the transport itself (services/call.ts, cloud*.ts) is skipped
    if (/services[\\/](call|cloud)[^\\/]*\.ts$/.test(f)) continue;
    const text = fs.readFileSync(f, 'utf8');
    if (!text.includes('call(') && !text.includes('callFunction')) continue;
    const sf = parse(f);
    visit(sf, (n) => {
      if (!ts.isCallExpression(n)) return;
      const name = calleeName(n);
      if (name === 'callFunction' && !rel.startsWith(`src${path.sep}services${path.sep}`)) untyped.push(rel);
      if (name !== 'call' || n.arguments.length < 2) return;
      const [fnArg, actionArg] = n.arguments;
      if (!ts.isStringLiteral(fnArg) || !ts.isStringLiteral(actionArg)) return;
      const key = `${fnArg.text}.${actionArg.text}`;
      reached.set(key, [...(reached.get(key) ?? []), `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`]);
    });
  }
}, 120_000);

afterAll(async () => {
  await cloud?.close();
});

describe('every declared action is reachable from a page', () => {
  it('finds the calls and the functions’ actions (the parse is not empty)', () => {
    expect(declared.length).toBeGreaterThan(50);
    for (const a of ['market.book', 'market.saveService', 'ticket.report', 'account.subscribed']) expect([a, (reached.get(a) ?? []).length > 0]).toEqual([a, true]);
  });

  it('each declared action is called by a page, or is a listed exception', () => {
    const unreached = declared.filter((a) => !reached.has(a) && !(a in EXCEPTIONS));
    expect(unreached).toEqual([]);
  });

  it('the exceptions are declared and really not reached (the list stays true)', () => {
    for (const a of Object.keys(EXCEPTIONS)) {
      expect([a, declared.includes(a)]).toEqual([a, true]);
      expect([a, reached.get(a) ?? null]).toEqual([a, null]);
    }
  });

  it('the client calls no action the functions do not declare', () => {
    expect([...reached.keys()].filter((a) => !declared.includes(a))).toEqual([]);
  });

  it('pages call functions only through the typed call (no callFunction outside src/services)', () => {
    expect(untyped).toEqual([]);
  });
});
