export default definePageConfig({ navigationBarTitleText: '摊主签到' });
