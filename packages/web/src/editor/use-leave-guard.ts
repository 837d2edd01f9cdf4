import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';

/** The part of the Navigation API used here (not yet in TypeScript's DOM types). */
interface NavigateEvent extends Event {
  navigationType: 'push' | 'replace' | 'reload' | 'traverse';
  cancelable: boolean;
  destination: { url: string };
}
interface NavigationLike {
  addEventListener(type: 'navigate', listener: (event: NavigateEvent) => void): void;
  removeEventListener(type: 'navigate', listener: (event: NavigateEvent) => void): void;
}

/**
 * Asks before leaving an editor with unsaved changes. In the app (wouter has no navigation blocker):
 * a click on a link to another page is held back in the capture phase, before wouter's `Link` sees
 * it; the back and forward buttons are held back through the Navigation API's cancelable `navigate`
 * event, which comes before the address changes (a `popstate` listener would come too late: wouter's,
 * registered first, has already rendered the other page). Either way `ask` gets a `proceed` that
 * completes the navigation. Where the Navigation API is missing, `popstate` pushes the editor's address
 * back when it runs in time. Leaving the app (reload, closing the tab, an address typed in) gets the
 * browser's own "Leave site?" prompt through `beforeunload`, after `onUnload` has had its chance (to
 * write the draft now rather than after its debounce).
 */
export function useLeaveGuard(active: boolean, ask: (proceed: () => void) => void, onUnload: () => void) {
  const [, navigate] = useLocation();
  const latest = useRef({ ask, onUnload, navigate });
  latest.current = { ask, onUnload, navigate };
  // Set once the user chose to leave: the navigation that follows must not be asked about again.
  const leaving = useRef(false);

  useEffect(() => {
    if (!active) return;
    leaving.current = false;
    const here = window.location.pathname + window.location.search;
    const leave = (to: string) => () => {
      leaving.current = true;
      latest.current.navigate(to);
    };

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      latest.current.onUnload();
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers show the prompt only for a returnValue
    };

    const onClick = (event: MouseEvent) => {
      if (leaving.current || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, window.location.href);
      // Another site is a page unload (beforeunload asks); the same page is no navigation.
      if (url.origin !== window.location.origin || url.pathname + url.search === here) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current.ask(leave(url.pathname + url.search + url.hash));
    };

    const onPopState = () => {
      if (leaving.current) return;
      const to = window.location.pathname + window.location.search + window.location.hash;
      if (window.location.pathname + window.location.search === here) return;
      // Back on the editor before the router renders the other page (this listener runs first: capture).
      window.history.pushState(window.history.state, '', here);
      latest.current.ask(leave(to));
    };

    const onNavigate = (event: NavigateEvent) => {
      if (leaving.current || event.navigationType !== 'traverse' || !event.cancelable) return;
      const url = new URL(event.destination.url);
      if (url.origin !== window.location.origin || url.pathname + url.search === here) return;
      event.preventDefault();
      latest.current.ask(leave(url.pathname + url.search + url.hash));
    };
    const navigation = (window as unknown as { navigation?: NavigationLike }).navigation;

    document.addEventListener('click', onClick, true);
    navigation?.addEventListener('navigate', onNavigate);
    window.addEventListener('popstate', onPopState, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      navigation?.removeEventListener('navigate', onNavigate);
      window.removeEventListener('popstate', onPopState, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [active]);

  /** Marks the next navigation as chosen (the dialog's "Discard"). */
  return { leaving };
}
