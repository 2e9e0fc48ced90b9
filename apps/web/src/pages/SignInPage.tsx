import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Principal, Problem, request, session } from '../api';
import { ErrorBanner } from '../ui';

/** One password field: the personal API token. It goes to sessionStorage, never into a URL. */
export const SignInPage = () => {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Checked before it is kept: a wrong token never becomes the session's.
      await request<Principal>('GET', '/me', { headers: { Authorization: `Bearer ${token.trim()}` } });
      session.set(token.trim());
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
        <div className="field">
          <label htmlFor="token">{t('signIn.token')}</label>
          <input id="token" name="token" type="password" autoComplete="current-password" required value={token} onChange={(event) => setToken(event.target.value)} aria-describedby="token-help" />
          <small id="token-help" className="hint">
            {t('signIn.help')}
          </small>
        </div>
        <ErrorBanner error={error} />
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </section>
  );
};
