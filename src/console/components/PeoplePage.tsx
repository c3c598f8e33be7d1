/**
 * The root of the console's people and grids pages: the shared {@link Page} (elder mode, 返回 /
 * 回首页) with their class and stylesheet.
 */
import type { PropsWithChildren } from 'react';
import { Page } from '../../ui/Page';
import '../people.css';

export function PeoplePage({ className, children }: PropsWithChildren<{ className?: string }>) {
  return <Page className={`people-page${className ? ` ${className}` : ''}`}>{children}</Page>;
}
