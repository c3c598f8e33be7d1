export default definePageConfig({ navigationBarTitleText: '登记我发现的问题' });
