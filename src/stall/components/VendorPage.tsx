/**
 * The root of every vendor and stall-admin page: the shared {@link Page} (elder mode, and its way
 * back and way home: 返回 / 回首页) with the vendor pages' class.
 */
import type { PropsWithChildren } from 'react';
import { Page } from '../../ui/Page';

export function VendorPage({ className, children }: PropsWithChildren<{ className?: string }>) {
  return <Page className={`vendor-page${className ? ` ${className}` : ''}`}>{children}</Page>;
}
