/**
 * Taro build configuration for the weapp and h5 builds of the same pages.
 * - `TARO_APP_LOCAL=1` (h5 only, used by `npm start`) builds the local kiosk: it calls the local
 *   gateway and shows the "act as" identity switch. It is written to dist/h5-local so it can never
 *   be mistaken for the production H5 build (dist/h5); weapp builds never contain the switch.
 * - Design width 375 (NutUI's), so px in styles are CSS px on H5 and scaled rpx in the mini-program.
 */
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

export default defineConfig<'webpack5'>(async () => {
  const platform = process.env.TARO_ENV ?? 'h5';
  const local = platform === 'h5' && process.env.TARO_APP_LOCAL === '1';
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'jieyoupu',
    date: '2026-11-22',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: local ? 'dist/h5-local' : `dist/${platform}`,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      LOCAL_RUNTIME: JSON.stringify(local),
      CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return config;
});
