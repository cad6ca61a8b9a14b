import { mkdir, readFile, writeFile, rm, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export function credentialsPath() {
  const base =
    process.platform === "win32"
      ? process.env.APPDATA || path.join(os.homedir(), "AppData", "Roaming")
      : process.env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
  return path.join(base, "cloudnote-mcp", "credentials.json");
}

export async function loadCredentials() {
  try {
    return JSON.parse(await readFile(credentialsPath(), "utf8"));
  } catch (err) {
    if (err.code === "ENOENT") return null;
    throw err;
  }
}

export async function saveCredentials(creds) {
  const file = credentialsPath();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(creds, null, 2), { mode: 0o600 });
  await chmod(file, 0o600).catch(() => {});
  return file;
}

export async function deleteCredentials() {
  await rm(credentialsPath(), { force: true });
}
