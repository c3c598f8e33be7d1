export default definePageConfig({ navigationBarTitleText: '代缴代办' });
