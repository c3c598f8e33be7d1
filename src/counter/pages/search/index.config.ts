export default definePageConfig({ navigationBarTitleText: '柜台代办' });
