import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/**
 * History routing for an app served under `base` (the server answers every path below it with the app,
 * console-web/plugin.ts, so plain history URLs reload fine). The office console has the same in office/router.tsx.
 */
export function createRouter(base: string) {
  const CHANGE = `router:${base}`;

  function subscribe(onChange: () => void): () => void {
    window.addEventListener('popstate', onChange);
    window.addEventListener(CHANGE, onChange);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener(CHANGE, onChange);
    };
  }

  /** The page's path below the base, without slashes at either end ('' for the start page). */
  function currentPath(): string {
    const p = window.location.pathname;
    return (p.startsWith(base) ? p.slice(base.length) : '').replace(/^\/+|\/+$/g, '');
  }

  function usePath(): string {
    return useSyncExternalStore(subscribe, currentPath);
  }

  function hrefOf(path: string): string {
    return `${base}${path}`;
  }

  function navigate(path: string, opts: { replace?: boolean } = {}): void {
    const href = hrefOf(path);
    if (opts.replace) window.history.replaceState(null, '', href);
    else window.history.pushState(null, '', href);
    window.dispatchEvent(new Event(CHANGE));
  }

  /** A real link (keyboard, middle click, copy address) that navigates inside the app on a plain click. */
  function Link(props: { to: string; children?: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
    const { to, onClick, ...rest } = props;
    const click = (e: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(e);
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(to);
    };
    return <a href={hrefOf(to)} onClick={click} {...rest} />;
  }

  return { base, currentPath, usePath, hrefOf, navigate, Link };
}
