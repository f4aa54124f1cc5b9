import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { identity } from '@shared/contracts/index.js';
import type { Me, SessionView } from '@shared/contracts/identity.js';
import { api, forgetSession, noteSession, onUnauthorized } from '../api/client';
import { sessionKey, useSessionQuery } from '../api/hooks/session';
import { applyLocale, storedLocale } from '../i18n';
import { go, loginUrl } from './navigation';

export const ANONYMOUS_SESSION: SessionView = {
  user: null,
  csrfToken: null,
  permissions: [],
  idleTimeoutSeconds: null,
  mfaPending: false,
};

export type SessionState = {
  loading: boolean;
  session: SessionView;
  /** The signed-in user; null for visitors and while the second factor is pending. */
  user: Me | null;
  permissions: string[];
  mfaPending: boolean;
  /** Whether any scope of `action:entity` is held, e.g. hasPermission('verify:organisation'). */
  hasPermission: (actionEntity: string) => boolean;
  signOut: () => Promise<void>;
  /** Drop the session client-side and send the user to sign in. */
  expire: (reason: 'expired' | 'idle') => void;
  refresh: () => Promise<unknown>;
};

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useSessionQuery();
  const session = q.data ?? ANONYMOUS_SESSION;
  const signedIn = !!session.user && !session.mfaPending;
  const user = signedIn ? session.user : null;

  const dropUserData = useCallback(() => {
    qc.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  }, [qc]);

  const expire = useCallback(
    (reason: 'expired' | 'idle') => {
      forgetSession();
      go(loginUrl(reason), { replace: true });
      qc.setQueryData(sessionKey, ANONYMOUS_SESSION);
      dropUserData();
      // A fresh anonymous session brings the CSRF token the login form needs.
      void qc.invalidateQueries({ queryKey: sessionKey });
    },
    [qc, dropUserData],
  );

  useEffect(() => onUnauthorized(() => expire('expired')), [expire]);

  // The user's stored language wins once known; visitors keep their local choice.
  useEffect(() => {
    applyLocale(user ? user.locale : storedLocale());
  }, [user]);

  const signOut = useCallback(async () => {
    try {
      await api(identity.logout);
    } catch {
      // Signing out locally is what matters to the user; the server session ends on idle anyway.
    }
    forgetSession();
    dropUserData();
    const fresh = await api(identity.getSession).catch(() => ANONYMOUS_SESSION);
    noteSession(fresh);
    qc.setQueryData(sessionKey, fresh);
  }, [qc, dropUserData]);

  const value = useMemo<SessionState>(() => {
    const permissions = session.permissions;
    return {
      loading: q.isPending,
      session,
      user,
      permissions,
      mfaPending: session.mfaPending,
      hasPermission: (ae) => permissions.some((p) => p.startsWith(`${ae}:`)),
      signOut,
      expire,
      refresh: () => q.refetch(),
    };
  }, [session, user, q, signOut, expire]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
