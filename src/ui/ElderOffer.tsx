/**
 * Elder mode up front (issue 17): the first-visit offer and the 大字 switch.
 *
 * - `ElderOffer`: a card for the top of home and of the registration page — 字太小？点这里用大字 —
 *   shown while nobody on this device has chosen (`shouldOfferElder`). 用大字 turns elder mode on;
 *   不用了 puts the offer away; either answer is remembered (`answerElderOffer`, device storage). After
 *   用大字 the card says where to turn it off again, until the person leaves the page.
 * - `ElderToggle`: the 大字 switch in the header of home (☑ 大字 when on, ☐ 大字 when off, as the report
 *   form's 保密 switch reads), on or off in one tap, remembered (`setElderPreference`).
 * Large in elder mode (≥ 60 px targets, ≥ 18 px text: app.css); no pop-ups.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { answerElderOffer, elderPreference, setElderPreference, shouldOfferElder, useElderMode } from './elder';
import { Button } from './nutui';

/** The first-visit offer card (nothing once anyone on this device chose). */
export function ElderOffer() {
  const [state, setState] = useState<'offer' | 'done' | 'hidden'>(() => (shouldOfferElder() ? 'offer' : 'hidden'));
  const elder = useElderMode();
  if (state === 'hidden') return null;
  // chosen meanwhile with another switch (the header's 大字) and off: the question is answered
  if (state === 'offer' && !elder && elderPreference() !== 'auto') return null;
  if (state === 'done' || elder) {
    return (
      <View className="card elder-offer elder-offer-done" aria-live="polite">
        <Text className="elder-offer-title">已换成大字（长辈模式）</Text>
        <Text className="home-line">不想用了，点首页最上面的“大字”就能换回来。</Text>
      </View>
    );
  }
  return (
    <View className="card elder-offer">
      <Text className="elder-offer-title">字太小？点这里用大字</Text>
      <Text className="home-line">长辈模式：字更大，按钮更大，看得清、点得准。</Text>
      <View className="actions">
        <Button
          className="elder-offer-yes"
          size="large"
          block
          onClick={() => {
            answerElderOffer();
            setElderPreference('on');
            setState('done');
          }}
        >
          用大字（长辈模式）
        </Button>
        <Button
          className="elder-offer-no"
          size="large"
          block
          fill="none"
          onClick={() => {
            answerElderOffer();
            setState('hidden');
          }}
        >
          不用了
        </Button>
      </View>
    </View>
  );
}

/** The 大字 switch for the header of home: on/off in one tap, remembered on the device. */
export function ElderToggle() {
  const elder = useElderMode();
  return (
    <Button
      className={`elder-toggle${elder ? ' elder-toggle-on' : ''}`}
      onClick={() => setElderPreference(elder ? 'off' : 'on')}
    >
      {elder ? '☑ 大字' : '☐ 大字'}
    </Button>
  );
}
