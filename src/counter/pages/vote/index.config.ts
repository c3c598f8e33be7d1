export default definePageConfig({ navigationBarTitleText: '代表决' });
