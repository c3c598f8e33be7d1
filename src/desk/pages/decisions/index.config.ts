export default definePageConfig({ navigationBarTitleText: '待我处理' });
