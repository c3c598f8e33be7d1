#!/usr/bin/env node
/**
 * Generates cloudbaserc.json, the deployment configuration of Tencent's CloudBase CLI
 * (`@cloudbase/cli`: `tcb fn deploy`, `tcb fn trigger create`), from each cloud function's own
 * cloudfunctions/<name>/config.json, so the two never drift.
 *
 * Inputs: every folder of cloudfunctions/ with an index.ts (the functions scripts/build-functions.mjs
 * bundles into dist/cloudfunctions/<name>) and its config.json (`timeout` in seconds,
 * `envVariables`, `triggers` of type `timer` with a 7-field cron: second minute hour day month
 * weekday year).
 * Output: cloudbaserc.json at the repository root (2-space JSON, trailing newline):
 *   - `version: "2.0"` and `envId: "{{env.ENV_ID}}"`: the CLI's dynamic variables; ENV_ID comes from
 *     the shell, a `.env` file, or `-e <envId>` on the command line;
 *   - `functionRoot: "./dist/cloudfunctions"` (deploy what the build made);
 *   - per function: handler index.main, runtime {@link RUNTIME}, `installDependency: true` (the
 *     cloud installs the pinned wx-server-sdk from the bundle's package.json), timeout,
 *     memorySize (MB; config.json's, else 256: the CLI passes it on as SCF's MemorySize and
 *     defaults it to 256 itself, @cloudbase/manager-node `lib/function/index.js` configToParams; the
 *     local runtime gives each worker the same, docs/runtime-limits.md "Memory"),
 *     envVariables and triggers from config.json; envVariables also get, for every subscribe-message
 *     template the function sends (cloudfunctions/shared/templates.ts: `sender`), its variable as a
 *     CLI dynamic variable, e.g. `"KIOSK_TICKET_TEMPLATE_ID": "{{env.KIOSK_TICKET_TEMPLATE_ID}}"`:
 *     the CLI fills it from the deploy env file `.env` (docs/deploy.md), so the ids live in one file.
 * Usage: `node scripts/cloudbaserc.mjs` writes the file; `--check` only compares and exits 1 (with
 * a message naming the fix) when the committed file differs; `--stdout` prints instead of writing.
 * Errors: a config.json that is missing, not JSON, has more than one trigger (the platform takes
 * one per function), a badly named one, or one that is not a 7-field timer stops the script with
 * exit 1 and the reason. The cron's fields themselves are checked by the local runtime at start
 * (local/runtime/cron.ts) and by test/local/scheduler.test.ts for every config.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Node.js runtime for every function: Node 20, the version the tests run on and the newest
 * runtime CloudBase offers that is not marked as a public beta (the CLI's runtime choices list
 * Nodejs24.11 and Nodejs22.21 as 公测中; Nodejs20.19 is also @cloudbase/manager-node's default).
 * The bundles target node16, so Nodejs16.13 or Nodejs18.15 would run them too.
 */
export const RUNTIME = 'Nodejs20.19';

/**
 * The subscribe-message templates of cloudfunctions/shared/templates.ts (`TEMPLATES`: key →
 * { envVar, buildVar, localId, sender, … }), loaded by compiling that TypeScript module with esbuild
 * (a devDependency) into memory. @returns {Promise<Record<string, { envVar: string, buildVar: string, localId: string, sender: string, title: string }>>}
 */
export async function loadTemplates() {
  const { buildSync } = await import('esbuild');
  const out = buildSync({ entryPoints: [path.join(root, 'cloudfunctions/shared/templates.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.TEMPLATES;
}

/** `{{env.NAME}}`: a CloudBase CLI dynamic variable read from the deploy env file (docs/deploy.md). */
export const envPlaceholder = (name) => `{{env.${name}}}`;

/** Names of the cloud functions, as the build makes them. */
export function functionNames() {
  const dir = path.join(root, 'cloudfunctions');
  return fs
    .readdirSync(dir)
    .filter((n) => fs.existsSync(path.join(dir, n, 'index.ts')))
    .sort();
}

/**
 * The cloudbaserc.json object for the functions' config.json files and the templates they send.
 * @param {Record<string, { envVar: string, sender: string }>} templates {@link loadTemplates}
 * @returns {{ version: string, envId: string, functionRoot: string, functions: object[] }}
 */
export function generate(templates) {
  const functions = functionNames().map((name) => {
    const file = path.join(root, 'cloudfunctions', name, 'config.json');
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing`);
    /** @type {{ timeout?: number, memorySize?: number, envVariables?: Record<string, string>, triggers?: { name: string, type: string, config: string }[] }} */
    let config;
    try {
      config = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${path.relative(root, file)} is not JSON: ${e.message}`);
    }
    // the platform takes one trigger per function (docs/jobs.md); local/runtime/cron.ts checks the cron itself
    if ((config.triggers ?? []).length > 1) throw new Error(`${name}: ${config.triggers.length} triggers; the platform takes one trigger per function`);
    const triggers = (config.triggers ?? []).map((t) => {
      if (typeof t.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name)) throw new Error(`${name}: trigger name ${JSON.stringify(t.name)} must be 1–60 of a-z A-Z 0-9 - _, starting with a letter`);
      if (t.type !== 'timer') throw new Error(`${name}: trigger ${t.name} has type ${t.type}; the CLI deploys only timer triggers`);
      if (String(t.config).trim().split(/\s+/).length !== 7) throw new Error(`${name}: trigger ${t.name} needs a 7-field cron (second minute hour day month weekday year), got "${t.config}"`);
      return { name: t.name, type: 'timer', config: t.config };
    });
    return {
      name,
      handler: 'index.main',
      runtime: RUNTIME,
      installDependency: true,
      timeout: config.timeout ?? 3,
      memorySize: config.memorySize ?? 256,
      envVariables: { ...(config.envVariables ?? {}), ...templateVariables(templates, name) },
      ignore: ['node_modules', 'node_modules/**/*'],
      ...(triggers.length ? { triggers } : {}),
    };
  });
  return { version: '2.0', envId: '{{env.ENV_ID}}', functionRoot: './dist/cloudfunctions', functions };
}

/** The deploy setting of long-term subscribe messages (docs/long-term-subscriptions.md), given to every function that sends a template. */
export const LONG_TERM_VAR = 'KIOSK_LONG_TERM_SUBSCRIPTIONS';

/**
 * The template-id variables function `name` sends with: envVar → `{{env.envVar}}`, in templates.ts
 * order, then {@link LONG_TERM_VAR} when it sends any (its consent counting reads it).
 */
export function templateVariables(templates, name) {
  const sent = Object.values(templates).filter((t) => t.sender === name);
  return Object.fromEntries([...sent.map((t) => [t.envVar, envPlaceholder(t.envVar)]), ...(sent.length ? [[LONG_TERM_VAR, envPlaceholder(LONG_TERM_VAR)]] : [])]);
}

/** The file's text as it must be committed. */
export async function render() {
  return `${JSON.stringify(generate(await loadTemplates()), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = path.join(root, 'cloudbaserc.json');
  let text;
  try {
    text = await render();
  } catch (e) {
    console.error(`cloudbaserc.json not generated: ${e.message}`);
    process.exit(1);
  }
  if (process.argv.includes('--stdout')) {
    process.stdout.write(text);
  } else if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error('cloudbaserc.json does not match cloudfunctions/*/config.json: run `npm run cloudbaserc` and commit the result.');
      process.exit(1);
    }
    console.log('cloudbaserc.json matches cloudfunctions/*/config.json');
  } else {
    fs.writeFileSync(target, text);
    console.log(`wrote cloudbaserc.json (${JSON.parse(text).functions.length} functions, runtime ${RUNTIME})`);
  }
}
