/** A tiny History API router: a location store, navigate(), <Link> and pattern matching. */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
}

const listeners = new Set<() => void>();
let current: Location = readLocation();
/** True once the person has moved within the app: focus then goes to the new page's heading. */
let navigated = false;

function readLocation(): Location {
  return { pathname: window.location.pathname, search: window.location.search, hash: window.location.hash };
}

let navigations = 0;

/** How many in-app navigations have happened (flash messages live for exactly one of them). */
export function navigationCount(): number {
  return navigations;
}

function emit(): void {
  current = readLocation();
  navigated = true;
  navigations += 1;
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', emit);

type Guard = () => boolean;
const guards = new Set<Guard>();

/** A guard returns false to stop a navigation (e.g. after asking about unsaved changes). */
export function addNavigationGuard(guard: Guard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (!options.force) {
    for (const guard of guards) if (!guard()) return;
  }
  const url = new URL(to, window.location.origin);
  const target = url.pathname + url.search + url.hash;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.scrollTo(0, 0);
  emit();
}

export function useLocation(): Location {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

export function hasNavigated(): boolean {
  return navigated;
}

export function useQuery(): URLSearchParams {
  const { search } = useLocation();
  return new URLSearchParams(search);
}

/** `/tasks/:id` against `/tasks/42` → `{ id: '42' }`, or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const part = patternParts[i]!;
    const actual = pathParts[i]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; children: ReactNode };

export function Link({ to, children, onClick, className, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} className={className ?? 'govuk-link'} {...rest}>
      {children}
    </a>
  );
}

/** Only paths inside this app are followed after sign-in (never another site). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/register') || next.startsWith('/forgotten-password')) return '/';
  return next;
}
