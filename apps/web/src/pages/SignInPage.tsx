import { useQuery } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, Principal, Problem, request, session } from '../api';
import { completeOidcSignIn, isOidcCallback, SignInConfig, startOidcSignIn } from '../oidc';
import { Field, Submit } from '../ui';

/** A token is checked with GET /me before it is kept: a wrong one never becomes the session's. */
const keepIfAccepted = async (token: string) => {
  await request<Principal>('GET', '/me', { headers: { Authorization: `Bearer ${token}` } });
  session.set(token);
};
const oidcFailed = () => new Problem(0, 'oidc-failed', '', '');

/** One password field: the personal API token. It goes to sessionStorage, never into a URL. */
export const SignInPage = () => {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // "Sign in with …" only when the API says an identity provider and a public client are configured.
  const config = useQuery({ queryKey: ['auth-config'], queryFn: () => get<SignInConfig>('/auth/config'), retry: false, staleTime: Infinity });
  const oidc = config.data?.oidc ?? null;

  // Back from the provider: exchange the code for the access token, then keep it like a personal token.
  useEffect(() => {
    if (!oidc || !isOidcCallback()) return;
    setBusy(true);
    completeOidcSignIn(oidc)
      .then(keepIfAccepted)
      .catch((problem: unknown) => setError(problem instanceof Problem && problem.status !== 401 ? problem : oidcFailed()))
      .finally(() => setBusy(false));
  }, [oidc]);

  const signInWithProvider = () => {
    if (!oidc) return;
    setBusy(true);
    startOidcSignIn(oidc).catch(() => {
      setError(oidcFailed());
      setBusy(false);
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await keepIfAccepted(token.trim());
    } catch (problem) {
      setError(problem instanceof Problem && problem.status === 401 ? new Problem(401, 'invalid-token', '', '') : problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={submit} method="post" action="#">
        <Field label={t('signIn.token')} name="token" hint={t('signIn.help')}>
          {(props) => <input {...props} type="password" autoComplete="current-password" required value={token} onChange={(event) => setToken(event.target.value)} />}
        </Field>
        <Submit error={error} busy={busy} label={t('signIn.submit')} />
      </form>
      {oidc && (
        <div className="oidc">
          <p className="muted">{t('signIn.or')}</p>
          <button type="button" className="secondary" disabled={busy} onClick={signInWithProvider}>
            {t('signIn.with', { provider: new URL(oidc.issuer).host })}
          </button>
        </div>
      )}
    </section>
  );
};
