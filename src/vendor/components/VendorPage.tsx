/**
 * The root of every vendor and stall-admin page: the shared {@link Page} (elder mode) with a way
 * back and a way home above it (返回 when there is a page to go back to, 回首页 always; in the
 * mini-program WeChat's bar gives the way back, so only 回首页 on a page opened alone).
 * When src/ui/Page.tsx gains its own navigation (branch `ux`), this bar is the one line to drop.
 */
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState, type PropsWithChildren } from 'react';
import { Button } from '../../ui/nutui';
import { Page } from '../../ui/Page';

const HOME_URL = '/pages/index/index';

function depth(): number {
  try {
    return typeof Taro.getCurrentPages === 'function' ? Math.max(1, Taro.getCurrentPages().length) : 1;
  } catch {
    return 1;
  }
}

export function goHome(): void {
  Taro.reLaunch({ url: HOME_URL });
}

function goBack(): void {
  if (depth() > 1) Taro.navigateBack();
  else goHome();
}

function VendorNav() {
  const [d, setD] = useState(1);
  useEffect(() => setD(depth()), []);
  useDidShow(() => setD(depth()));
  const h5 = process.env.TARO_ENV === 'h5';
  const back = h5 && d > 1;
  const home = h5 || d <= 1;
  if (!back && !home) return null;
  return (
    <View className="vnav" role="navigation" aria-label="页面导航">
      {back ? (
        <Button className="vnav-back" size="large" onClick={goBack}>
          ‹ 返回
        </Button>
      ) : (
        <View className="vnav-space" />
      )}
      {home ? (
        <Button className="vnav-home" size="large" onClick={goHome}>
          回首页
        </Button>
      ) : null}
    </View>
  );
}

export function VendorPage({ className, children }: PropsWithChildren<{ className?: string }>) {
  return (
    <Page className={`vendor-page${className ? ` ${className}` : ''}`}>
      <VendorNav />
      {children}
    </Page>
  );
}
