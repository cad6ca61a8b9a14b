import { spawn } from "node:child_process";

/**
 * Open a URL in the user's default browser. Only ever called by `cloudnote-mcp login`
 * with the CloudNote authorization URL. Returns false if no opener is available.
 */
export function openBrowser(url) {
  if (!/^https:\/\/auth\.cloudnote\.app\//.test(url)) throw new Error(`Refusing to open unexpected URL ${url}`);
  let cmd;
  let args;
  switch (process.platform) {
    case "darwin":
      cmd = "open";
      args = [url];
      break;
    case "win32":
      // rundll32 avoids cmd.exe parsing of & in the query string
      cmd = "rundll32";
      args = ["url.dll,FileProtocolHandler", url];
      break;
    default:
      cmd = "xdg-open";
      args = [url];
  }
  return new Promise((resolve) => {
    try {
      const child = spawn(cmd, args, { stdio: "ignore", detached: true, windowsHide: true });
      child.once("error", () => resolve(false));
      child.once("spawn", () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
