export default definePageConfig({ navigationBarTitleText: '转介' });
