/**
 * Every action a function declares is reachable from a page (issue 17, "Actions no page reaches").
 *
 * - Declared: each bundled function's exported `permissions` (`declaredActions`), minus the timer
 *   triggers (`timer:*`, fired by the platform, never by a page).
 * - Reached: the client modules that call functions (every file under src/ importing
 *   `callFunction` from src/services/cloud.ts) export one api object (`export const xApi = { … }`);
 *   each member names the function's actions it calls, either as `action: '<name>'` or as the first
 *   argument of the module's `call('<name>', …)` helper. A member counts only when some other file
 *   under src/ (a page or component) uses it (`xApi.member`): a wrapper no page calls reaches nothing.
 * - Or reached directly (issue 19): a page, component or service (any file under src/ but the
 *   transport, src/services/call.ts and cloud*.ts, and the `api.ts` modules) that calls the typed
 *   `call('<fn>', '<action>', …)`.
 * - Exceptions: declared actions no page calls on purpose, each with why. The list must stay true:
 *   an exception that is not declared, or that a page does reach, fails the test too.
 *
 * Parsed with the TypeScript compiler (no regular expressions over code), so formatting changes in
 * the api modules do not hide or invent a call.
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
const EXCEPTIONS: Record<string, string> = {};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

const parse = (file: string) => ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

function visit(node: ts.Node, f: (n: ts.Node) => void): void {
  f(node);
  node.forEachChild((c) => visit(c, f));
}

const calleeName = (c: ts.CallExpression): string | null => (ts.isIdentifier(c.expression) ? c.expression.text : null);

/** A client module: the function it calls and, per member of its exported api object, the actions that member calls. */
interface ClientModule {
  file: string;
  fn: string;
  apiName: string;
  members: Map<string, Set<string>>;
}

function clientModule(file: string): ClientModule | null {
  const sf = parse(file);
  const fns = new Set<string>();
  let api: ts.VariableDeclaration | null = null;
  visit(sf, (n) => {
    if (ts.isCallExpression(n) && calleeName(n) === 'callFunction' && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) fns.add(n.arguments[0].text);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && /Api$/.test(n.name.text) && n.initializer && ts.isObjectLiteralExpression(n.initializer)) api = n;
  });
  if (!fns.size) return null;
  if (fns.size > 1) throw new Error(`${path.relative(root, file)} calls several functions (${[...fns].join(', ')}): the test expects one per module`);
  const decl = api as ts.VariableDeclaration | null;
  if (!decl) throw new Error(`${path.relative(root, file)} calls a function but exports no \`…Api\` object`);
  const members = new Map<string, Set<string>>();
  for (const p of (decl.initializer as ts.ObjectLiteralExpression).properties) {
    if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
    const actions = new Set<string>();
    visit(p, (n) => {
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'action' && ts.isStringLiteral(n.initializer)) actions.add(n.initializer.text);
      if (ts.isCallExpression(n) && calleeName(n) === 'call' && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) actions.add(n.arguments[0].text);
    });
    members.set(p.name.text, actions);
  }
  return { file, fn: [...fns][0], apiName: (decl.name as ts.Identifier).text, members };
}

/** `xApi.member` uses in `files` (property accesses on the api object's name). */
function usesIn(files: string[], apiName: string): Set<string> {
  const used = new Set<string>();
  for (const f of files) {
    if (!fs.readFileSync(f, 'utf8').includes(apiName)) continue;
    visit(parse(f), (n) => {
      if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === apiName) used.add(n.name.text);
    });
  }
  return used;
}

let cloud: TestCloud;
let declared: string[];
let reached: Map<string, string[]>;
let unusedWrappers: string[];

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 1, seed: false });
  declared = Object.entries(declaredActions(cloud))
    .filter(([, who]) => who.kind !== 'timer')
    .map(([k]) => k)
    .sort();
  const files = filesUnder(src);
  const modules = files.map(clientModule).filter((m): m is ClientModule => !!m);
  reached = new Map();
  unusedWrappers = [];
  const FUNCTIONS = new Set(['account', 'console', 'market', 'stall', 'ticket']);
  for (const f of files) {
    // the transport itself (services/call.ts, cloud*.ts) is skipped; services that call an action for the pages (subscribe.*.ts → account.subscribed) count
    if (/services[\\/](call|cloud)[^\\/]*\.ts$/.test(f) || /api\.ts$/.test(f) || !fs.readFileSync(f, 'utf8').includes('call(')) continue;
    const sf = parse(f);
    visit(sf, (n) => {
      if (!ts.isCallExpression(n) || calleeName(n) !== 'call' || n.arguments.length < 2) return;
      const [fnArg, actionArg] = n.arguments;
      if (!ts.isStringLiteral(fnArg) || !ts.isStringLiteral(actionArg) || !FUNCTIONS.has(fnArg.text)) return;
      const key = `${fnArg.text}.${actionArg.text}`;
      const where = `${path.relative(root, f)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      reached.set(key, [...(reached.get(key) ?? []), where]);
    });
  }
  for (const m of modules) {
    const used = usesIn(files.filter((f) => f !== m.file), m.apiName);
    for (const [member, actions] of m.members) {
      if (!actions.size) continue;
      if (!used.has(member)) {
        unusedWrappers.push(`${path.relative(root, m.file)}: ${m.apiName}.${member}`);
        continue;
      }
      for (const a of actions) reached.set(`${m.fn}.${a}`, [...(reached.get(`${m.fn}.${a}`) ?? []), `${m.apiName}.${member}`]);
    }
  }
}, 120_000);

afterAll(async () => {
  await cloud?.close();
});

describe('every declared action is reachable from a page', () => {
  it('finds the client modules and the functions’ actions (the parse is not empty)', () => {
    expect(declared.length).toBeGreaterThan(50);
    for (const a of ['market.book', 'market.saveService', 'ticket.report']) expect([a, (reached.get(a) ?? []).length > 0]).toEqual([a, true]);
  });

  it('each declared action is called by a wrapper some page uses, or is a listed exception', () => {
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

  it('every api wrapper that calls an action is used by a page', () => {
    expect(unusedWrappers).toEqual([]);
  });
});
