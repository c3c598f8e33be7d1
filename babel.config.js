// Babel for the Taro build (babel-preset-taro: React, TypeScript, the mini-program transforms).
// Code for one platform lives in its own file (src/services/x.weapp.ts, x.h5.ts: Taro's multi-platform
// files), so nothing here needs to strip another platform's branch.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
