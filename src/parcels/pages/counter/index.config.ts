export default definePageConfig({ navigationBarTitleText: '代收快递' });
