import { createServer } from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { openBrowser } from "./open-browser.js";
import { loadCredentials, saveCredentials, deleteCredentials } from "./credentials.js";

const AUTH_BASE = "https://auth.cloudnote.app";
const CLIENT_ID = "cn_mcp_public_4f1d2b"; // public client, PKCE only, no secret
const SCOPES = "notes:read notes:write notebooks:read";

const b64url = (buf) => buf.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

async function tokenRequest(params) {
  const res = await fetch(`${AUTH_BASE}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...params }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`CloudNote auth: ${body.error_description ?? body.error ?? res.status}`);
  return {
    access_token: body.access_token,
    refresh_token: body.refresh_token,
    expires_at: Date.now() + (body.expires_in ?? 3600) * 1000,
    scope: body.scope,
  };
}

/** Starts a one-shot HTTP listener on 127.0.0.1 for the OAuth redirect. */
function startCallbackServer(state) {
  return new Promise((resolveStarted, rejectStarted) => {
    let settle;
    const result = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    const server = createServer((req, res) => {
      const url = new URL(req.url, "http://127.0.0.1");
      if (url.pathname !== "/callback") {
        res.writeHead(404).end();
        return;
      }
      const code = url.searchParams.get("code");
      const ok = url.searchParams.get("state") === state && Boolean(code);
      res.writeHead(ok ? 200 : 400, { "content-type": "text/html; charset=utf-8" });
      res.end(ok ? "<h1>Signed in to CloudNote</h1><p>You can close this tab.</p>" : "<h1>Sign-in failed</h1>");
      server.close();
      if (ok) settle.resolve({ code });
      else settle.reject(new Error(url.searchParams.get("error") ?? "state mismatch"));
    });
    server.once("error", rejectStarted);
    server.listen(0, "127.0.0.1", () => resolveStarted({ port: server.address().port, result }));
    setTimeout(() => {
      server.close();
      settle.reject(new Error("Timed out waiting for the browser (5 minutes)"));
    }, 5 * 60 * 1000).unref();
  });
}

export async function login({ noBrowser = false, log = console.error } = {}) {
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash("sha256").update(verifier).digest());
  const state = b64url(randomBytes(16));

  const { port, result } = await startCallbackServer(state);
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  const authUrl =
    `${AUTH_BASE}/oauth/authorize?` +
    new URLSearchParams({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: redirectUri,
      scope: SCOPES,
      state,
      code_challenge: challenge,
      code_challenge_method: "S256",
    });

  if (noBrowser || !(await openBrowser(authUrl))) {
    log(`Open this URL in a browser to sign in:\n\n  ${authUrl}\n`);
  } else {
    log("Opened your browser to sign in to CloudNote…");
  }

  const { code } = await result;
  const creds = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier });
  const file = await saveCredentials(creds);
  log(`Signed in. Credentials saved to ${file}`);
}

export async function logout({ log = console.error } = {}) {
  const creds = await loadCredentials();
  if (creds?.refresh_token) {
    await fetch(`${AUTH_BASE}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: CLIENT_ID, token: creds.refresh_token }),
    }).catch(() => {});
  }
  await deleteCredentials();
  log("Signed out of CloudNote.");
}

/** Returns a function that yields a valid access token, refreshing the stored login when needed. */
export function tokenProvider() {
  const pat = process.env.CLOUDNOTE_TOKEN;
  if (pat) return async () => pat;
  let creds;
  return async () => {
    creds ??= await loadCredentials();
    if (!creds) throw new Error("Not signed in. Run `npx @cloudnote/mcp login` or set CLOUDNOTE_TOKEN.");
    if (Date.now() > creds.expires_at - 60_000) {
      creds = await tokenRequest({ grant_type: "refresh_token", refresh_token: creds.refresh_token });
      await saveCredentials(creds);
    }
    return creds.access_token;
  };
}
