// Calls to the API. Errors become words people can read: the ProblemDetails `detail`, or each field's message.

const tokenKey = 'deliberation.staff';

export class ApiError extends Error {
  constructor(status, words) {
    super(words);
    this.status = status;
  }
}

/**
 * The signed-in staff member or null: {role, unit, user, label} and either the dev token ({token}) or
 * {mode: 'entra', entra: the MSAL settings}.
 */
export function staff() {
  try {
    return JSON.parse(sessionStorage.getItem(tokenKey) || 'null');
  } catch {
    return null;
  }
}

export function signIn(who) {
  sessionStorage.setItem(tokenKey, JSON.stringify(who));
}

export function signOut() {
  sessionStorage.removeItem(tokenKey);
}

const statusWords = {
  400: '填写的内容有误',
  401: '请先登录',
  403: '无权进行此操作',
  404: '未找到',
  409: '当前状态下无法进行此操作',
  410: '已过期',
  422: '验证未通过',
  429: '操作过于频繁，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
};

const chinese = /[\u4e00-\u9fff]/;

/**
 * Words for a failed response, in Chinese: the API's own detail or field messages where they are written in Chinese
 * (those residents meet are), else a sentence for the status with the API's words after it.
 */
async function problemWords(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status says enough.
  }
  const general = statusWords[response.status] || `请求失败（${response.status}）`;
  const said = body?.errors ? Object.values(body.errors).flat().join(' ') : body?.detail;
  if (!said) {
    return general;
  }
  return chinese.test(said) ? said : `${general}（${said}）`;
}

export async function api(path, { method = 'GET', body, auth = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const who = staff();
  if (auth && who) {
    headers.Authorization = `Bearer ${await bearer(who)}`;
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    throw new ApiError(response.status, await problemWords(response));
  }
  return response.status === 204 ? null : response.json().catch(() => null);
}

/** The token for a call: the dev token, or a fresh Entra ID access token (MSAL, loaded only by the console). */
async function bearer(who) {
  if (who.mode !== 'entra') {
    return who.token;
  }
  const { accessToken } = await import('./staff/entra.js');
  return accessToken(who.entra);
}

let signInPromise = null;

/** How staff sign in here: {development, entraId: {authority, clientId, scopes} | null}. */
export function signInConfig() {
  signInPromise ??= api('/api/auth/config');
  return signInPromise;
}

export const staffApi = (path, options = {}) => api(path, { ...options, auth: true });

let directoryPromise = null;

/** The town's directory (units, representatives, catalogue), fetched once per page load. */
export function directory() {
  directoryPromise ??= api('/api/directory');
  return directoryPromise;
}
