/**
 * Generates docs/api.md from the functions' contracts (issue 19): the hand-written conventions and
 * error catalogue (`docs/api/intro.md`), then per function its `about` (Markdown) and every action
 * of its `actions` — input read from the zod schema (`describeInput`), answer type read from the
 * contract's `output` by the TypeScript compiler, caller kind and record rule, errors, summary.
 *
 * `apiDoc()` → the whole Markdown text. Used by `test/deploy/api-doc.test.ts` (drift check;
 * `UPDATE_API_DOC=1` rewrites the file).
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import { describeInput, type Contracts } from '../../cloudfunctions/shared/contract';
import { CALLER_KIND_LABELS } from '../../cloudfunctions/shared/policy';

const ROOT = path.join(__dirname, '..', '..');
/** The functions in the order docs/api.md lists them. */
export const FUNCTIONS = ['market', 'ticket', 'stall', 'consult', 'account', 'console', 'rounds', 'parcels', 'notices', 'errands', 'providers', 'posts', 'volunteers'] as const;

interface ContractModule {
  actions: Contracts;
  /** the function's own notes (Markdown): what it is for, cross-cutting rules, its timers */
  about?: string;
}

/** The answer type of every action, as TypeScript writes it: `fn` → action → type text. */
export function outputTypes(): Record<string, Record<string, string>> {
  const files = FUNCTIONS.map((f) => path.join(ROOT, 'cloudfunctions', f, 'contract.ts'));
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const out: Record<string, Record<string, string>> = {};
  FUNCTIONS.forEach((fn, i) => {
    out[fn] = {};
    const source = program.getSourceFile(files[i]);
    if (!source) return;
    const moduleSymbol = checker.getSymbolAtLocation(source);
    const actionsSymbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'actions');
    if (!actionsSymbol) return;
    const actionsType = checker.getTypeOfSymbolAtLocation(actionsSymbol, source);
    for (const prop of actionsType.getProperties()) {
      const contractType = checker.getTypeOfSymbolAtLocation(prop, source);
      const output = contractType.getProperty('output');
      if (!output) continue;
      const t = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(output, source));
      out[fn][prop.name] = checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
    }
  });
  return out;
}

/** One function's section: its `about` and its actions grouped by `group` (in order of first appearance). */
function section(fn: string, mod: ContractModule, outputs: Record<string, string>): string {
  const lines: string[] = [`## Function \`${fn}\``, ''];
  if (mod.about) lines.push(mod.about.trim(), '');
  const groups = new Map<string, [string, Contracts[string]][]>();
  for (const [name, c] of Object.entries(mod.actions)) {
    const g = c.group ?? '';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push([name, c]);
  }
  for (const [group, list] of groups) {
    if (group) lines.push(`### ${group}`, '');
    for (const [name, c] of list) {
      lines.push(`#### \`${name}\``, '');
      lines.push(`- input: \`${describeInput(c.input)}\``);
      lines.push(`- answer: \`${outputs[name] ?? 'unknown'}\``);
      lines.push(`- who: ${CALLER_KIND_LABELS[c.who]}${c.rule ? ` — ${c.rule}` : ''}`);
      if (c.familyProxy) lines.push('- family proxy: a linked family member may call it for the elder (`forElder`, 家人代办; router.ts)');
      lines.push(`- errors: ${c.errors.length ? c.errors.map((e) => `\`${e}\``).join(', ') : '—'}`);
      lines.push('', c.summary.trim(), '');
    }
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** The whole of docs/api.md, generated. */
export function apiDoc(): string {
  const outputs = outputTypes();
  const parts = [fs.readFileSync(path.join(ROOT, 'docs', 'api', 'intro.md'), 'utf8').trimEnd() + '\n'];
  parts.push('<!-- Generated from cloudfunctions/*/contract.ts and docs/api/intro.md by test/deploy/api-doc.test.ts (`UPDATE_API_DOC=1 npx jest test/deploy/api-doc` rewrites it). Do not edit by hand. -->\n');
  for (const fn of FUNCTIONS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(ROOT, 'cloudfunctions', fn, 'contract.ts')) as ContractModule;
    parts.push(section(fn, mod, outputs[fn]));
  }
  return parts.join('\n');
}
