export default definePageConfig({ navigationBarTitleText: '安排角色' });
