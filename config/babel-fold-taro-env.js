/**
 * Babel plugin for the Taro build: replaces `process.env.TARO_ENV` with the platform being built
 * (a string literal, the value Taro's DefinePlugin would put there later) and removes the branches
 * of `if` statements and `?:` expressions whose test it decides, before any other transform runs.
 *
 * Why: babel-preset-taro compiles async functions into regenerator state machines, and webpack's
 * DefinePlugin only replaces `process.env.TARO_ENV` after Babel. A platform check inside an async
 * function (src/services/cloud.ts: `if (process.env.TARO_ENV === 'weapp') … else <local gateway>`)
 * then becomes two `case`s of a state machine, and no minifier can drop the dead one: the weapp
 * bundle kept the local-only `/api/functions` path. Folding first removes it from the product.
 *
 * Input: Babel's API; reads `process.env.TARO_ENV` of the build process (does nothing when unset,
 * e.g. outside a Taro build). Only tests that contain a replaced `process.env.TARO_ENV` are folded,
 * and only when Babel can evaluate them with certainty. No I/O, no errors of its own.
 */
module.exports = function foldTaroEnv({ types: t }) {
  return {
    name: 'fold-taro-env',
    visitor: {
      Program(program) {
        // read per file, not per plugin instance: Babel caches plugin instances across builds
        const platform = process.env.TARO_ENV;
        if (!platform) return;
        const replaced = new WeakSet();
        program.traverse({
          MemberExpression(path) {
            if (!path.matchesPattern('process.env.TARO_ENV')) return;
            const parent = path.parentPath;
            if ((parent.isAssignmentExpression() && parent.node.left === path.node) || parent.isUpdateExpression()) return;
            const literal = t.stringLiteral(platform);
            replaced.add(literal);
            path.replaceWith(literal);
          },
        });
        const mentionsPlatform = (testPath) => {
          if (replaced.has(testPath.node)) return true;
          let found = false;
          testPath.traverse({
            StringLiteral(p) {
              if (replaced.has(p.node)) {
                found = true;
                p.stop();
              }
            },
          });
          return found;
        };
        program.traverse({
          IfStatement: {
            exit(path) {
              const test = path.get('test');
              if (!mentionsPlatform(test)) return;
              const { confident, value } = test.evaluate();
              if (!confident) return;
              const branch = value ? path.node.consequent : path.node.alternate;
              if (branch) path.replaceWith(branch);
              else path.remove();
            },
          },
          ConditionalExpression: {
            exit(path) {
              const test = path.get('test');
              if (!mentionsPlatform(test)) return;
              const { confident, value } = test.evaluate();
              if (!confident) return;
              path.replaceWith(value ? path.node.consequent : path.node.alternate);
            },
          },
        });
      },
    },
  };
};
