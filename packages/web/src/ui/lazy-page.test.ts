import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazy-page';

const Page = ({ name }: { name: string }) => createElement('h1', null, `page ${name}`);
const inSuspense = (element: ReturnType<typeof createElement>) =>
  renderToString(createElement(Suspense, { fallback: createElement('p', null, 'Loading…') }, element));

describe('lazyPage', () => {
  it('renders a page whose chunk has arrived at once, without suspending (React would hold it back 300 ms)', async () => {
    const Lazy = lazyPage(() => Promise.resolve(Page));
    await Lazy.preload();
    expect(inSuspense(createElement(Lazy, { name: 'editor' }))).toContain('page editor');
  });

  it('suspends a page whose chunk is still on its way, and loads it once however often it is asked for', async () => {
    let loads = 0;
    const Lazy = lazyPage(() => {
      loads++;
      return new Promise<typeof Page>((resolve) => setTimeout(() => resolve(Page), 10));
    });
    expect(inSuspense(createElement(Lazy, { name: 'run' }))).toContain('Loading…');
    await Promise.all([Lazy.preload(), Lazy.preload()]);
    expect(loads).toBe(1);
    expect(inSuspense(createElement(Lazy, { name: 'run' }))).toContain('page run');
  });
});
