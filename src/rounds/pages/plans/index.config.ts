export default definePageConfig({ navigationBarTitleText: '走访计划' });
