import type { UserManager } from 'oidc-client-ts';

/** GET /auth/config: how this deployment signs in. */
export interface SignInConfig {
  apiTokens: boolean;
  oidc: { issuer: string; clientId: string; scope: string } | null;
}
type Oidc = NonNullable<SignInConfig['oidc']>;

/** Where the provider sends the browser back: the sign-in page, which finishes the exchange. */
const redirectUri = () => `${window.location.origin}/sign-in`;

// oidc-client-ts is loaded only when someone signs in this way, so it adds nothing to the first page's weight.
const managerFor = async (oidc: Oidc): Promise<UserManager> => {
  const { InMemoryWebStorage, UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: oidc.issuer,
    client_id: oidc.clientId,
    scope: oidc.scope,
    redirect_uri: redirectUri(),
    response_type: 'code', // Authorization Code with PKCE (S256), the library's default for a public client
    // The state and PKCE verifier wait in sessionStorage across the redirect (removed once used); the user object is
    // not kept at all — the session keeps only the access token, exactly as it keeps a personal token.
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  });
};

/** Leaves for the provider's sign-in page. */
export const startOidcSignIn = async (oidc: Oidc): Promise<void> => (await managerFor(oidc)).signinRedirect();

/** Whether this page is the provider sending the browser back with a code. */
export const isOidcCallback = (): boolean => {
  const params = new URLSearchParams(window.location.search);
  return window.location.pathname === '/sign-in' && params.has('state') && (params.has('code') || params.has('error'));
};

let exchange: Promise<string> | undefined;
/** Exchanges the code (with the PKCE verifier) for the access token; once, even if asked twice. The code leaves the URL. */
export const completeOidcSignIn = (oidc: Oidc): Promise<string> => {
  exchange ??= managerFor(oidc)
    .then((manager) => manager.signinRedirectCallback())
    .then((user) => user.access_token)
    .finally(() => window.history.replaceState(null, '', '/sign-in'));
  return exchange;
};
