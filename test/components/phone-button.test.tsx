/**
 * PhoneButton (src/account/PhoneButton.tsx): the stated purpose is always shown, and WeChat's
 * answers of the phone-number button are read as WeChat gives them — a refusal (`errMsg` with
 * `deny`/`fail`, or no code) shares nothing.
 */
import { render, screen } from '@testing-library/react';
import { control } from './taro-mock';
import { PhoneButton, isRefusal } from '../../src/account/PhoneButton';

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
