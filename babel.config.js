// Babel for the Taro build (babel-preset-taro: React, TypeScript, the mini-program transforms).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
