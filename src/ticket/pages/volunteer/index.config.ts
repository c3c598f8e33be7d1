export default definePageConfig({ navigationBarTitleText: '志愿者的问题' });
