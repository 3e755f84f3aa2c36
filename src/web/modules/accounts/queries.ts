/** Query keys and read hooks of the accounts module: session, organisations, users. */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Me, Organisation, Person, Role, SessionState, User } from '../../../shared/contracts/accounts.ts';
import { api, setCsrfToken } from '../../lib/api.ts';

export type UserFilter = { q?: string; organisationId?: string; role?: Role };

export const accountKeys = {
  session: ['session'] as const,
  organisations: ['organisations'] as const,
  users: (filter: UserFilter) => ['users', filter] as const,
  allUsers: ['users'] as const,
  people: (q: string) => ['people', q] as const,
};

/** Fetch the session state and keep its CSRF token for the next changes. */
export async function fetchSession(): Promise<SessionState> {
  const state = await api.get<SessionState>('/session');
  setCsrfToken(state.csrfToken);
  return state;
}

/** Who is signed in (stage anonymous, mfa or full). */
export function useSession() {
  return useQuery({ queryKey: accountKeys.session, queryFn: fetchSession, staleTime: 60_000 });
}

/**
 * The signed-in user, provided by the root of the app while the session is full, so every
 * component below sees the same user as the layout that rendered it (even during sign-out).
 */
export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only call inside the signed-in part of the app. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() called outside the signed-in part of the app');
  return me;
}

/** True when the signed-in user holds the role. */
export function useHasRole(role: Role): boolean {
  return useMe().roles.includes(role);
}

/** Every organisation (any signed-in user may list them). */
export function useOrganisations() {
  return useQuery({ queryKey: accountKeys.organisations, queryFn: () => api.get<Organisation[]>('/organisations') });
}

/** Users matching the filter (admin only; the server answers 403 otherwise). */
export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: accountKeys.users(filter),
    queryFn: () => api.get<User[]>('/users', filter),
    placeholderData: (previous) => previous,
  });
}

/** Active people (names, organisations, roles), for planners picking participants. */
export function usePeople(q = '') {
  return useQuery({ queryKey: accountKeys.people(q), queryFn: () => api.get<Person[]>('/people', { q }) });
}
