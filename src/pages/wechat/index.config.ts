export default definePageConfig({ navigationBarTitleText: '微信服务通知（本地演示）' });
