export default definePageConfig({ navigationBarTitleText: '摊主登记' });
