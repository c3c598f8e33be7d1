export default definePageConfig({ navigationBarTitleText: '找师傅' });
