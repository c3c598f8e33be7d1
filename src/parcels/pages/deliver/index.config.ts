export default definePageConfig({ navigationBarTitleText: '送快递上门' });
