"use strict";

// OAuth 2 (authorization code + PKCE) login for users who don't want to paste a token.
// The app key is public (PKCE apps have no secret). Tokens are stored in this tool's
// own config dir, readable only by the user.
const http = require("node:http");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");
const { spawn } = require("node:child_process");

const APP_KEY = process.env.DROPBOX_APP_KEY || "q7x2lk0dbxlite9";
const REDIRECT_PORT = 53682;
const REDIRECT_URI = `http://127.0.0.1:${REDIRECT_PORT}/callback`;
const TOKEN_FILE = path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config"), "mcp-dropbox-lite", "token.json");

function openBrowser(url) {
  const [cmd, args] =
    process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]] : ["xdg-open", [url]];
  spawn(cmd, args, { stdio: "ignore", detached: true, windowsHide: true }).unref();
}

function saveToken(tok) {
  fs.mkdirSync(path.dirname(TOKEN_FILE), { recursive: true, mode: 0o700 });
  fs.writeFileSync(TOKEN_FILE, JSON.stringify({ ...tok, obtained_at: Date.now() }, null, 2), { mode: 0o600 });
}

function loadToken() {
  try {
    return JSON.parse(fs.readFileSync(TOKEN_FILE, "utf8"));
  } catch {
    return null;
  }
}

async function tokenRequest(params) {
  const res = await fetch("https://api.dropboxapi.com/oauth2/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: APP_KEY, ...params }),
  });
  if (!res.ok) throw new Error(`Dropbox token endpoint ${res.status}: ${await res.text()}`);
  return res.json();
}

function login() {
  const verifier = crypto.randomBytes(48).toString("base64url");
  const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
  const state = crypto.randomBytes(16).toString("hex");
  const url = new URL("https://www.dropbox.com/oauth2/authorize");
  url.search = new URLSearchParams({
    client_id: APP_KEY,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: "S256",
    token_access_type: "offline",
    state,
  }).toString();

  return new Promise((resolve, reject) => {
    const srv = http.createServer(async (req, res) => {
      const u = new URL(req.url, REDIRECT_URI);
      if (u.pathname !== "/callback") return res.writeHead(404).end();
      try {
        if (u.searchParams.get("state") !== state) throw new Error("OAuth state mismatch");
        const tok = await tokenRequest({ grant_type: "authorization_code", code: u.searchParams.get("code"), code_verifier: verifier, redirect_uri: REDIRECT_URI });
        saveToken(tok);
        res.writeHead(200, { "Content-Type": "text/html" }).end("<p>Dropbox connected. You can close this tab.</p>");
        resolve(tok);
      } catch (e) {
        res.writeHead(400).end(String(e.message));
        reject(e);
      } finally {
        srv.close();
      }
    });
    srv.listen(REDIRECT_PORT, "127.0.0.1", () => openBrowser(url.toString()));
    setTimeout(() => {
      srv.close();
      reject(new Error("Login timed out after 5 minutes"));
    }, 300_000).unref();
  });
}

async function getAccessToken() {
  if (process.env.DROPBOX_ACCESS_TOKEN) return process.env.DROPBOX_ACCESS_TOKEN;
  const tok = loadToken();
  if (!tok) throw new Error("Not logged in: call the dropbox_login tool or set DROPBOX_ACCESS_TOKEN");
  if (tok.expires_in && Date.now() > tok.obtained_at + (tok.expires_in - 60) * 1000 && tok.refresh_token) {
    const fresh = await tokenRequest({ grant_type: "refresh_token", refresh_token: tok.refresh_token });
    saveToken({ ...fresh, refresh_token: tok.refresh_token });
    return fresh.access_token;
  }
  return tok.access_token;
}

module.exports = { getAccessToken, login, TOKEN_FILE };
