// Bundles the cloud functions and the local runtime once before the tests (they run the bundles).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build-functions.mjs')], { stdio: 'inherit' });
};
