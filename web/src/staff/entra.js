// Staff sign-in with Microsoft Entra ID: MSAL.js, authorization code flow with PKCE, redirect (no pop-ups: they are
// blocked in many browsers, WeChat's among them). The settings come from the API (/api/auth/config), so one build of
// the site serves every tenant. Tokens stay in MSAL's session cache and are fetched fresh (silently) for each call.
import { InteractionRequiredAuthError, PublicClientApplication } from '@azure/msal-browser';

let pending = null;

/** The one MSAL client of the page, initialised once (it must be, before any other call). */
function client(config) {
  pending ??= (async () => {
    const app = new PublicClientApplication({
      auth: {
        clientId: config.clientId,
        authority: config.authority,
        redirectUri: `${location.origin}/staff`,
        postLogoutRedirectUri: `${location.origin}/staff`,
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await app.initialize();
    return app;
  })();
  return pending;
}

function account(app) {
  return app.getActiveAccount() || app.getAllAccounts()[0] || null;
}

/** Sends the browser to the tenant's sign-in page; it comes back to /staff. */
export async function beginSignIn(config) {
  const app = await client(config);
  await app.loginRedirect({ scopes: config.scopes, prompt: 'select_account' });
}

/** On the way back from the sign-in page: the account signed in, or null when there is none. */
export async function completeSignIn(config) {
  const app = await client(config);
  const result = await app.handleRedirectPromise({ navigateToLoginRequestUrl: false });
  if (result?.account) {
    app.setActiveAccount(result.account);
  }
  return account(app);
}

/** An access token for the API; when the session needs the user again (expired, consent) the page goes to sign in. */
export async function accessToken(config) {
  const app = await client(config);
  const who = account(app);
  if (!who) {
    throw new Error('请先登录');
  }
  try {
    return (await app.acquireTokenSilent({ scopes: config.scopes, account: who })).accessToken;
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) {
      await app.acquireTokenRedirect({ scopes: config.scopes, account: who });
    }
    throw error;
  }
}

export async function signOutEntra(config) {
  const app = await client(config);
  await app.logoutRedirect({ account: account(app) });
}
