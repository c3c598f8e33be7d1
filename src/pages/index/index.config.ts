export default definePageConfig({ navigationBarTitleText: '解忧铺', enablePullDownRefresh: true });
