/**
 * The root of every page: applies elder mode (class `elder`) so that the large-text rules in
 * app.css reach every element of the page.
 */
import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useElderMode } from './elder';

export function Page({ className, children }: PropsWithChildren<{ className?: string }>) {
  const elder = useElderMode();
  return <View className={`page${elder ? ' elder' : ''}${className ? ` ${className}` : ''}`}>{children}</View>;
}
