export default definePageConfig({ navigationBarTitleText: '摊主和摊位' });
