import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { identity } from '@shared/contracts/index.js';
import type { BodyOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

export const sessionKey = ['session'] as const;

export function useSessionQuery() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: () => api(identity.getSession),
    staleTime: Infinity,
    retry: 1,
  });
}

/**
 * Mutations whose response is a SessionView replace the cached session, so
 * the whole app re-renders with the new user, permissions and CSRF token.
 */
function useSessionMutation<B>(fn: (body: B) => Promise<identity.SessionView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (s) => qc.setQueryData(sessionKey, s),
  });
}

export const useLogin = () => useSessionMutation((b: BodyOf<typeof identity.login>) => api(identity.login, { body: b }));
export const useVerifyTotp = () =>
  useSessionMutation((b: BodyOf<typeof identity.verifyTotp>) => api(identity.verifyTotp, { body: b }));
export const useRegister = () =>
  useSessionMutation((b: BodyOf<typeof identity.register>) => api(identity.register, { body: b }));
export const useChangePassword = () =>
  useSessionMutation((b: BodyOf<typeof identity.changePassword>) => api(identity.changePassword, { body: b }));
export const useUpdateMe = () =>
  useSessionMutation((b: BodyOf<typeof identity.updateMe>) => api(identity.updateMe, { body: b }));
export const useConfirmTotp = () =>
  useSessionMutation((b: BodyOf<typeof identity.confirmTotp>) => api(identity.confirmTotp, { body: b }));
export const useDisableTotp = () =>
  useSessionMutation((b: BodyOf<typeof identity.disableTotp>) => api(identity.disableTotp, { body: b }));

export function useEnrolTotp() {
  return useMutation({ mutationFn: () => api(identity.enrolTotp) });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (b: BodyOf<typeof identity.requestPasswordReset>) => api(identity.requestPasswordReset, { body: b }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (b: BodyOf<typeof identity.confirmPasswordReset>) => api(identity.confirmPasswordReset, { body: b }),
  });
}
