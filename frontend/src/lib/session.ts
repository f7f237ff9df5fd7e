/**
 * Who is signed in, as the query cache knows it: one query key, and one way to change the person,
 * which drops everything cached for the previous one.
 */
import type { Query, QueryClient } from '@tanstack/react-query';

/** The cached answer of `GET /api/v1/auth/session`: a profile, or `null` when signed out. */
export const SESSION_QUERY_KEY = ['accounts', 'session'] as const;

/** Pages where signing in happens: a "not signed in" answer never sends the reader to them again. */
export const SIGN_IN_PATHS: ReadonlySet<string> = new Set([
  '/login',
  '/register',
  '/confirm-email',
]);

export function isSessionQuery(query: { queryKey: readonly unknown[] }): boolean {
  return (
    query.queryKey.length === SESSION_QUERY_KEY.length &&
    SESSION_QUERY_KEY.every((part, index) => query.queryKey[index] === part)
  );
}

const everyOtherQuery = { predicate: (query: Query) => !isSessionQuery(query) };

/**
 * Make `user` (or nobody, `null`) the one signed in. Every other cached answer was fetched as the
 * previous person (enrolments, "log in to enrol", progress, staff pages...), so all of them are
 * reset: the ones on screen fetch again, the others are forgotten until they are next needed.
 */
export async function switchIdentity(queryClient: QueryClient, user: unknown): Promise<void> {
  // A session request still in flight was asked as the previous person (the page that confirms
  // an e-mail starts one as it loads): its answer must not land on top of the new identity.
  await queryClient.cancelQueries({ queryKey: SESSION_QUERY_KEY });
  queryClient.setQueryData(SESSION_QUERY_KEY, user);
  // Removing a query also cancels its request in flight; resetting refetches, cancelling the old one.
  queryClient.removeQueries({ ...everyOtherQuery, type: 'inactive' });
  return queryClient.resetQueries({ ...everyOtherQuery, type: 'active' });
}

type SessionEndedListener = () => void;

const sessionEndedListeners = new WeakMap<QueryClient, Set<SessionEndedListener>>();

/** Be told when the server says the session is over (see `endSession`); returns the unsubscriber. */
export function onSessionEnded(
  queryClient: QueryClient,
  listener: SessionEndedListener,
): () => void {
  const listeners = sessionEndedListeners.get(queryClient) ?? new Set<SessionEndedListener>();
  sessionEndedListeners.set(queryClient, listeners);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * The server answered "not signed in" to a request made as someone (an expired or cut session):
 * nobody is signed in any more, and the listeners (the app sends the reader to sign in and back)
 * hear it once, however many requests fail together. Known-anonymous readers and readers who just
 * logged out hear nothing: their "not signed in" is expected, and the pages that need a person say so.
 */
export function endSession(queryClient: QueryClient): void {
  if (queryClient.getQueryData(SESSION_QUERY_KEY) === null) return;
  queryClient.setQueryData(SESSION_QUERY_KEY, null);
  for (const listener of sessionEndedListeners.get(queryClient) ?? []) listener();
}

/** Forget what was fetched as the previous person and is no longer on screen. */
export function forgetInactiveQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ ...everyOtherQuery, type: 'inactive' });
}

/** The same-origin path to return to after signing in: `next` when it is one of ours, else `fallback`.
 * Resolving it as a URL catches what prefix checks miss (`//evil`, `/\evil`, `/\t/evil`, `https:`). */
export function safeNextPath(next: string | null | undefined, fallback: string): string {
  if (!next?.startsWith('/') || next.includes('\\')) return fallback;
  const origin = window.location.origin;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin || SIGN_IN_PATHS.has(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}

/** `/login?next=<path>` (or `/register?...`), the way back included when there is one. */
export function signInPath(page: '/login' | '/register', next: string | null | undefined): string {
  const back = next ? safeNextPath(next, '') : '';
  return back ? `${page}?next=${encodeURIComponent(back)}` : page;
}

/** A sign-in or sign-up path that fills in the e-mail address (an invitation's), if any. */
export function withEmail(path: string, email: string | null | undefined): string {
  if (!email) return path;
  return `${path}${path.includes('?') ? '&' : '?'}email=${encodeURIComponent(email)}`;
}
