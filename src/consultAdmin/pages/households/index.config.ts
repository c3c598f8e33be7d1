export default definePageConfig({ navigationBarTitleText: '户数登记' });
