export default definePageConfig({ navigationBarTitleText: '摊主办理' });
