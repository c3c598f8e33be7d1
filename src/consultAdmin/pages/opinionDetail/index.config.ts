export default definePageConfig({ navigationBarTitleText: '处理意见' });
