export default definePageConfig({ navigationBarTitleText: '人员和网格' });
