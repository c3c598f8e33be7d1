/**
 * The import rules of 解忧铺, checked by dependency-cruiser (`npm run deps`, run by `npm test` and
 * .ci/run; docs/architecture.md explains them to a newcomer). A violation of an `error` rule fails the
 * run and names the importing file and the imported one.
 *
 * - no-circular: no import cycle anywhere in src, cloudfunctions or local (a cycle makes the load
 *   order decide what a module sees, and ties two modules into one).
 * - src-not-to-local: the mini-program never imports the local emulator or its demo data (local/):
 *   the local kiosk gets what it needs from the gateway, or from an H5-only file (`x.h5.ts`).
 * - src-not-to-function-io: pages take values only from a function's `limits.ts` (plain numbers),
 *   its pure `domain/`, `shared/model|templates` or the one vocabulary (`shared/vocabulary/`) — never
 *   the code that reads and writes the database, and never a contract's values (zod schemas).
 * - src-types-from-function-io: types too come only from those, or from a function's `contract.ts`
 *   (`import type`: nothing ships) — an answer type lives in its contract.
 * - limits-are-plain: a `limits.ts` imports nothing (pages import it).
 * - function-not-to-function: cloud function <a> imports only its own files and cloudfunctions/shared;
 *   functions share nothing else (each is deployed alone; another function's file is another
 *   function's business). shared/ imports no function.
 * - domain-not-to-sdk: pure rules (`cloudfunctions/<fn>/domain/`) reach neither wx-server-sdk nor
 *   shared/cloud.ts, directly or through another module: they are tested without a database.
 * - not-to-unresolvable: every relative import resolves to a file.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: move what both modules need to a third module that imports neither.',
      from: { path: '^(src|cloudfunctions|local)/' },
      to: { circular: true },
    },
    {
      name: 'src-not-to-local',
      severity: 'error',
      comment: 'The mini-program imports nothing from the local emulator or its demo data; an H5-only need goes in an x.h5.ts file or comes from the gateway.',
      from: { path: '^src/' },
      to: { path: '^local/' },
    },
    {
      name: 'src-not-to-function-io',
      severity: 'error',
      comment:
        "Pages take values only from a function's limits.ts (plain numbers its schemas use), its pure domain/, shared/model|templates or shared/vocabulary/ — never its database code, and never a contract's value (it holds zod schemas: type-only imports, so nothing of it ships).",
      from: { path: '^src/' },
      to: {
        path: '^cloudfunctions/',
        pathNot: ['^cloudfunctions/[^/]+/limits\\.ts$', '^cloudfunctions/[^/]+/domain/', '^cloudfunctions/shared/(model|templates)\\.ts$', '^cloudfunctions/shared/vocabulary/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'src-types-from-function-io',
      severity: 'error',
      comment: "A page takes a type from a function's database code: the type belongs in that function's contract.ts.",
      from: { path: '^src/' },
      to: {
        path: '^cloudfunctions/',
        pathNot: ['^cloudfunctions/[^/]+/(contract|limits)\\.ts$', '^cloudfunctions/[^/]+/domain/', '^cloudfunctions/shared/(model|templates|contract|errors)\\.ts$', '^cloudfunctions/shared/vocabulary/'],
        dependencyTypes: ['type-only'],
      },
    },
    {
      name: 'limits-are-plain',
      severity: 'error',
      comment: "A function's limits.ts holds plain numbers (pages import it): it imports nothing.",
      from: { path: '^cloudfunctions/[^/]+/limits\\.ts$' },
      to: { path: '.' },
    },
    {
      name: 'function-not-to-function',
      severity: 'error',
      comment: 'A cloud function imports its own files and cloudfunctions/shared only: move what two functions share to cloudfunctions/shared.',
      from: { path: '^cloudfunctions/([^/]+)/', pathNot: '^cloudfunctions/shared/' },
      to: { path: '^cloudfunctions/[^/]+/', pathNot: ['^cloudfunctions/$1/', '^cloudfunctions/shared/'] },
    },
    {
      name: 'shared-not-to-function',
      severity: 'error',
      comment: 'cloudfunctions/shared is imported by the functions, never the other way round.',
      from: { path: '^cloudfunctions/shared/' },
      to: { path: '^cloudfunctions/(?!shared/)[^/]+/' },
    },
    {
      name: 'domain-not-to-sdk',
      severity: 'error',
      comment: 'Pure rules (domain/) reach neither wx-server-sdk nor shared/cloud.ts: pass data in, get decisions out.',
      from: { path: '^cloudfunctions/[^/]+/domain/' },
      to: { path: ['wx-server-sdk', '^cloudfunctions/shared/cloud\\.ts$'], reachable: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import resolves to no file.',
      from: { path: '^(src|cloudfunctions|local)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    // type-only imports count (they shape the code) and are told apart by dependencyTypes
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'], exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
