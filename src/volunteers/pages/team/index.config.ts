export default definePageConfig({ navigationBarTitleText: '解忧智囊团' });
