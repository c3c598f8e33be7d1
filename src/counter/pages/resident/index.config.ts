export default definePageConfig({ navigationBarTitleText: '为居民办理' });
