export default definePageConfig({ navigationBarTitleText: '问题挂牌' });
