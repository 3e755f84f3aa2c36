/** One hook per action of the accounts module. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateOrganisation,
  CreateUser,
  Me,
  Organisation,
  SessionState,
  UpdateOrganisation,
  UpdateUser,
  User,
} from '../../../shared/contracts/accounts.ts';
import type { Locale } from '../../../shared/contracts/common.ts';
import { api, setCsrfToken } from '../../lib/api.ts';
import { applyLocale, markLocaleChosen, takeChosenLocale } from '../../i18n/index.ts';
import { accountKeys } from './queries.ts';

type TotpSetup = { secret: string; otpauthUrl: string; qrDataUrl: string };

/** After a full sign-in: keep a language picked on the sign-in page, else use the stored one. */
async function settleLocale(state: SessionState): Promise<SessionState> {
  if (state.stage !== 'full' || !state.user) return state;
  const chosen = takeChosenLocale();
  if (chosen && chosen !== state.user.locale) {
    try {
      const me = await api.patch<Me>('/me', { locale: chosen });
      await applyLocale(chosen);
      return { ...state, user: me };
    } catch {
      // Keeping the stored language is a fine fallback.
    }
  }
  await applyLocale(state.user.locale);
  return state;
}

function useSetSession() {
  const qc = useQueryClient();
  return async (state: SessionState) => {
    signedOut = false;
    setCsrfToken(state.csrfToken);
    const settled = await settleLocale(state);
    qc.setQueryData(accountKeys.session, settled);
  };
}

/** Sign in with email and password; the answer may ask for the second factor. */
export function useSignIn() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<SessionState>('/auth/sign-in', input),
    onSuccess: setSession,
  });
}

/** Finish signing in with a six-digit TOTP code. */
export function useVerifySecondFactor() {
  const setSession = useSetSession();
  return useMutation({
    mutationFn: (code: string) => api.post<SessionState>('/auth/second-factor', { code }),
    onSuccess: setSession,
  });
}

let signedOut = false;

/** True after a deliberate sign-out (until the next sign-in): the sign-in page then forgets where the last user was. */
export function justSignedOut(): boolean {
  return signedOut;
}

/** End the session, forget every cached answer, and show the sign-in page. */
export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/sign-out'),
    onSettled: () => {
      setCsrfToken(null);
      signedOut = true;
      qc.setQueryData<SessionState>(accountKeys.session, { stage: 'anonymous', csrfToken: null, user: null });
      // Forget every answer given to the previous user.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== accountKeys.session[0] });
    },
  });
}

/** Switch the interface language: stored on the server when signed in, in the browser before. */
export function useSwitchLanguage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (locale: Locale) => {
      const session = qc.getQueryData<SessionState>(accountKeys.session);
      if (session?.stage === 'full') {
        const me = await api.patch<Me>('/me', { locale });
        qc.setQueryData<SessionState>(accountKeys.session, { ...session, user: me });
      } else {
        markLocaleChosen(locale);
      }
      await applyLocale(locale);
    },
  });
}

/** Change the own password (the server ends the user's other sessions). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<void>('/me/password', input),
  });
}

/** Start second-factor enrolment: a new secret and its QR code. */
export function useSetUpSecondFactor() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/me/second-factor/setup') });
}

function useRefreshSession() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: accountKeys.session });
}

/** Confirm enrolment with a first code; the second factor is then required at sign-in. */
export function useEnableSecondFactor() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (code: string) => api.post<void>('/me/second-factor/enable', { code }),
    onSuccess: refresh,
  });
}

/** Turn the second factor off, confirmed by the password. */
export function useDisableSecondFactor() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (password: string) => api.post<void>('/me/second-factor/disable', { password }),
    onSuccess: refresh,
  });
}

/** Create an organisation (admin). */
export function useCreateOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOrganisation) => api.post<Organisation>('/organisations', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.organisations }),
  });
}

/** Edit an organisation (admin). */
export function useUpdateOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateOrganisation }) =>
      api.patch<Organisation>(`/organisations/${encodeURIComponent(id)}`, changes),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: accountKeys.organisations });
      await qc.invalidateQueries({ queryKey: accountKeys.allUsers });
    },
  });
}

/** Create a user (admin). */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUser) => api.post<User>('/users', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.allUsers }),
  });
}

/** Edit a user's profile, roles, screening, caveats or disabled flag (admin). */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateUser }) => api.patch<User>(`/users/${encodeURIComponent(id)}`, changes),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: accountKeys.allUsers });
      await qc.invalidateQueries({ queryKey: accountKeys.session });
    },
  });
}

/** Remove a user's second factor so they can enrol again (admin). */
export function useResetSecondFactor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<User>(`/users/${encodeURIComponent(id)}/reset-second-factor`),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKeys.allUsers }),
  });
}
