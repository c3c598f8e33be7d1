export default definePageConfig({ navigationBarTitleText: '集市登记本' });
