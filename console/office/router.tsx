import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** The console lives under this path (vite.console.config.ts base, console-web/plugin.ts). */
export const BASE = '/console/';

const CHANGE = 'console:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

/** The page's path below /console/, without slashes at either end ('' for the start page). */
export function currentPath(): string {
  const p = window.location.pathname;
  return (p.startsWith(BASE) ? p.slice(BASE.length) : '').replace(/^\/+|\/+$/g, '');
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function hrefOf(path: string): string {
  return `${BASE}${path}`;
}

/** The server answers every console path with the app (console-web/plugin.ts), so plain history URLs reload fine. */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const href = hrefOf(path);
  if (opts.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}

/** A real link (keyboard, middle click, copy address) that navigates inside the app on a plain click. */
export function Link(props: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { to, onClick, ...rest } = props;
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={hrefOf(to)} onClick={click} {...rest} />;
}
