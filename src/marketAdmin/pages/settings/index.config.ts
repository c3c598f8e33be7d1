export default definePageConfig({ navigationBarTitleText: '集市设置' });
