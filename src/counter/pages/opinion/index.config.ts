export default definePageConfig({ navigationBarTitleText: '代提意见' });
