export default definePageConfig({ navigationBarTitleText: '问题进展' });
