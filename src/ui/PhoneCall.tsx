/**
 * A phone number staff read in full, tappable to call (`Taro.makePhoneCall`: the phone's dialler in
 * WeChat, a `tel:` link in the browser). A masked number (138****5678) or none is plain text: there
 * is nothing to dial. Props: `label` (电话：), `phone` (digits, maybe with `-`), `className` of the line.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** True for a number one can dial: digits and `-` only (a masked one has `*`). */
export function isDialable(phone: string | null | undefined): phone is string {
  return !!phone && /^\d[\d-]{4,19}$/.test(phone);
}

export function PhoneCall({ label, phone, className = '' }: { label: string; phone: string; className?: string }) {
  if (!isDialable(phone)) return <Text className={className}>{label}{phone}</Text>;
  const call = () => {
    void Taro.makePhoneCall({ phoneNumber: phone.replace(/-/g, '') }).catch(() => undefined);
  };
  return (
    <View className={`phone-call ${className}`} onClick={call} role="button">
      <Text>
        {label}
        <Text className="phone-call-number">{phone}</Text>
      </Text>
      <Text className="phone-call-tap">拨打</Text>
    </View>
  );
}
