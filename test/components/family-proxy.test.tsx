/**
 * 家人代办 on the client (issue 22 §5): while a family member acts for an elder, `call` adds
 * `forElder` only to a family-proxy action called from a page that allows it; the banner shows on such
 * a page and 切回自己 turns the switch off. Home (and every other page) stays the member's own.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { control } from './taro-mock';
import { familyFieldsFor, setActingFor } from '../../src/services/family';
import { Page } from '../../src/ui/Page';

beforeEach(() => control.reset());
const ZOU = { elderId: 'r-zou', elderName: '邹建庄', communityId: 'c-laocheng' };

describe('what a call adds while acting for an elder', () => {
  it('forElder on a proxy action from a proxy page, nothing elsewhere or when off', () => {
    control.setPages(['pages/index/index', 'market/pages/day/index']);
    expect(familyFieldsFor('market', 'book')).toEqual({});
    setActingFor(ZOU);
    expect(familyFieldsFor('market', 'book')).toEqual({ forElder: 'r-zou' });
    // not a proxy action: never (the router would refuse it anyway)
    expect(familyFieldsFor('market', 'getMarketDay')).toEqual({});
    expect(familyFieldsFor('consult', 'vote')).toEqual({});
    // home: the member's own parcels card, even with the switch on
    control.setPages(['pages/index/index']);
    expect(familyFieldsFor('parcels', 'myParcels')).toEqual({});
    control.setPages(['pages/index/index', 'parcels/pages/mine/index']);
    expect(familyFieldsFor('parcels', 'myParcels')).toEqual({ forElder: 'r-zou' });
    setActingFor(null);
    expect(familyFieldsFor('parcels', 'myParcels')).toEqual({});
  });
});

describe('the banner', () => {
  it('shows on a proxy page while on; 切回自己 turns it off; never on other pages', () => {
    setActingFor(ZOU);
    const { unmount } = render(<Page className="x">其他页面</Page>);
    expect(screen.queryByText(/正在为/)).toBeNull();
    unmount();
    render(<Page proxy className="y">我的预约</Page>);
    expect(screen.getByText('正在为 邹建庄 办理')).toBeTruthy();
    act(() => {
      fireEvent.click(screen.getByText('切回自己'));
    });
    expect(screen.queryByText(/正在为/)).toBeNull();
    expect(familyFieldsFor('market', 'myBookings')).toEqual({});
  });
});
