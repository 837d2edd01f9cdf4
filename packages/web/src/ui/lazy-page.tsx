import { lazy, useState, type ComponentType } from 'react';

/**
 * A page in a chunk of its own. `preload()` starts fetching it. A page whose chunk has arrived
 * renders at once; only one still on its way goes through `lazy`. Why not `lazy` alone: it suspends
 * on its first render even when the chunk is already here, and React then holds the page back until
 * its fallback has been on screen for 300 ms (React's fallback throttle) — a full load of the editor
 * spent that long showing "Loading…" with everything it needed in memory.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () => (loading ??= load().then((component) => (loaded = component)));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Page(props: P) {
    // Chosen once per mount: switching from `Lazy` to the loaded component later would remount the page.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return Object.assign(Page, { preload });
}
