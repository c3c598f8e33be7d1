export default definePageConfig({ navigationBarTitleText: '疑难督办' });
