// Babel for the Taro build (babel-preset-taro: React, TypeScript, the mini-program transforms).
// config/babel-fold-taro-env.js first folds `process.env.TARO_ENV` checks, so code for another
// platform (the local gateway's URLs in an H5-only branch) never reaches the weapp bundle.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [require.resolve('./config/babel-fold-taro-env.js')],
};
