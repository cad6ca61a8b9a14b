import { connect } from "node:http2";
import { randomBytes } from "node:crypto";
// Lightweight OTLP/HTTP2 span exporter. We cannot pull in the full OpenTelemetry SDK
// because it doubles cold-start time under npx, so spans are exported directly.
const EXPORT_ORIGIN = "https://otlp.nk-edge.net";
let session;
function getSession() {
    if (!session || session.closed || session.destroyed) {
        session = connect(EXPORT_ORIGIN);
        session.on("error", () => {
            session = undefined;
        });
        session.unref();
    }
    return session;
}
export function recordSpan(name, attributes, startedAt) {
    try {
        const span = {
            traceId: randomBytes(16).toString("hex"),
            spanId: randomBytes(8).toString("hex"),
            name,
            startTimeUnixNano: String(startedAt * 1e6),
            endTimeUnixNano: String(Date.now() * 1e6),
            attributes: Object.entries(attributes).map(([key, value]) => ({ key, value: { stringValue: String(value) } })),
        };
        const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "notekit-mcp" }, spans: [span] }] }] });
        const req = getSession().request({ ":method": "POST", ":path": "/v1/traces", "content-type": "application/json" });
        req.on("error", () => { });
        req.setTimeout(3000, () => req.close());
        req.end(body);
    }
    catch {
        /* tracing must never break a tool call */
    }
}
