/**
 * PhoneButton (src/account/PhoneButton.tsx): the stated purpose is always shown, and WeChat's
 * answers of the phone-number button are read as WeChat gives them — a refusal (`errMsg` with
 * `deny`/`fail`, or no code) shares nothing.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { control } from './taro-mock';
import { PhoneButton, isRefusal } from '../../src/account/PhoneButton';
import type { Profile } from '../../src/account/api';
import { stubCall } from './call-stub';

jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

beforeEach(() => control.reset());

describe('PhoneButton', () => {
  it('reads a refusal or a missing code as "no phone shared", and a code with ok as shared', () => {
    expect(isRefusal({ errMsg: 'getPhoneNumber:fail user deny' })).toBe(true);
    expect(isRefusal({ errMsg: 'getPhoneNumber:fail:user deny' })).toBe(true);
    expect(isRefusal({ errMsg: 'getPhoneNumber:fail no permission' })).toBe(true);
    expect(isRefusal({ errMsg: 'getPhoneNumber:ok' })).toBe(true); // an old base library: no code
    expect(isRefusal({ errMsg: 'getPhoneNumber:ok', code: 'e31968a7f94cc5ee' })).toBe(false);
  });

  it.each(['weapp', 'h5'])('shows the purpose the page states and the button (%s)', (env) => {
    const before = process.env.TARO_ENV;
    process.env.TARO_ENV = env;
    try {
      render(<PhoneButton purpose="网格员处理时可能要打电话问情况" onBound={() => undefined} />);
      expect(screen.getByText('网格员处理时可能要打电话问情况')).toBeTruthy();
      expect(screen.getByText('用微信绑定的手机号')).toBeTruthy();
    } finally {
      process.env.TARO_ENV = before;
    }
  });
});

describe('PhoneButton in the mini-program', () => {
  const profile: Profile = { id: 'r-zhao', name: '赵建国', called: null, role: 'resident', communityId: 'c-laocheng', home: null, phoneMasked: '139****5678', verified: false };
  afterEach(() => jest.restoreAllMocks());

  it('hands the code of WeChat\'s sheet to account.bindPhone and reports the profile', async () => {
    const before = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    const bindPhone = stubCall('account', 'bindPhone').mockResolvedValue({ ok: true, data: profile });
    const bound = jest.fn();
    try {
      const { container } = render(<PhoneButton purpose="为了联系您" onBound={bound} />);
      container.querySelector('.phone-button')!.dispatchEvent(new CustomEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'abc123' }, bubbles: true }));
      await waitFor(() => expect(bound).toHaveBeenCalledWith(profile));
      expect(bindPhone).toHaveBeenCalledWith({ code: 'abc123' });
    } finally {
      process.env.TARO_ENV = before;
    }
  });

  it('says plainly that no phone was shared when the person refuses WeChat\'s sheet, and calls nothing', async () => {
    const before = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    const bindPhone = stubCall('account', 'bindPhone');
    const bound = jest.fn();
    try {
      const { container } = render(<PhoneButton purpose="为了联系您" onBound={bound} />);
      const el = container.querySelector('.phone-button')!;
      el.dispatchEvent(new CustomEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' }, bubbles: true }));
      await screen.findByText('您没有给手机号，这次不留电话也没关系。');
      expect(bound).not.toHaveBeenCalled();
      expect(bindPhone).not.toHaveBeenCalled();
    } finally {
      process.env.TARO_ENV = before;
    }
  });
});
