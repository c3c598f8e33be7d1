/** Where the repository's build outputs are, from the source tree or from the bundle in dist/local. */
import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest ancestor of this file holding database/schema.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'database', 'schema.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (database/schema.json)');
    dir = up;
  }
  return dir;
}

export const paths = {
  schema: () => path.join(repoRoot(), 'database', 'schema.json'),
  functions: () => path.join(repoRoot(), 'dist', 'cloudfunctions'),
  worker: () => path.join(repoRoot(), 'dist', 'local', 'worker.js'),
  h5: () => path.join(repoRoot(), 'dist', 'h5-local'),
};
