export default definePageConfig({ navigationBarTitleText: '收到的微信消息' });
