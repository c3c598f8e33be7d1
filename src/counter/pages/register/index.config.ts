export default definePageConfig({ navigationBarTitleText: '为居民登记' });
