export default definePageConfig({ navigationBarTitleText: '我的转介' });
