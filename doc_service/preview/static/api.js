// The page's only door to the service: the public API, with the key of this tab when auth is on.

import { acceptLanguage, t } from "./i18n.js";

const KEY_STORAGE = "docService.preview.apiKey";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export class AuthCancelled extends Error {}

let askForKey = async () => null;
let memoryKey = null; // when sessionStorage is unavailable
let onKeyAccepted = () => {};

export function configureAuth({ ask, accepted }) {
  askForKey = ask;
  onKeyAccepted = accepted;
}

export function storedKey() {
  try {
    return window.sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function storeKey(key) {
  try {
    if (key) window.sessionStorage.setItem(KEY_STORAGE, key);
    else window.sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // sessionStorage disabled: the key lives as long as the page
  }
  memoryKey = key;
}

function headersFor(extra) {
  const headers = new Headers(extra);
  headers.set("Accept-Language", acceptLanguage());
  const key = storedKey() || memoryKey;
  if (key) headers.set("Authorization", `Bearer ${key}`);
  return headers;
}

async function readProblem(response) {
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }
  return null;
}

// Fetch an API path; ask for a key on 401 and retry; throw ApiError on any other failure.
export async function apiFetch(path, { method = "GET", json, headers, signal } = {}) {
  let rejected = false;
  for (;;) {
    const init = { method, headers: headersFor(headers), signal, credentials: "omit" };
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      init.headers.set("Content-Type", "application/json");
    }
    const response = await fetch(path, init);
    if (response.status === 401) {
      const key = await askForKey(rejected);
      if (!key) throw new AuthCancelled(t("auth.needed"));
      storeKey(key);
      rejected = true;
      continue;
    }
    if (rejected) onKeyAccepted();
    if (!response.ok) throw new ApiError(response.status, await readProblem(response));
    return response;
  }
}

export async function apiJson(path, options) {
  const response = await apiFetch(path, options);
  return response.json();
}

// The file name a response offers (RFC 6266 filename* first), or a fallback.
export function offeredFilename(response, fallback) {
  const disposition = response.headers.get("Content-Disposition") || "";
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

export function describeError(error) {
  if (error instanceof AuthCancelled) return error.message;
  if (error instanceof ApiError) {
    if (error.status === 403) return t("auth.forbidden");
    const { title, detail } = error.problem;
    const text = [title, detail].filter(Boolean).join(" — ");
    return text || t("problem.generic", { status: error.status });
  }
  return t("problem.network", { message: error?.message || String(error) });
}
