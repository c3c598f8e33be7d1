export default definePageConfig({ navigationBarTitleText: '预约集市服务' });
