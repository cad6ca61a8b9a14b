import { randomBytes, timingSafeEqual } from "node:crypto";
import { WebSocketServer } from "ws";

/**
 * MCP transport over a single WebSocket connection (JSON-RPC message per frame).
 * Implements the SDK Transport interface: start / send / close + callbacks.
 */
export class WebSocketConnectionTransport {
  constructor(socket) {
    this.socket = socket;
    this.onmessage = undefined;
    this.onclose = undefined;
    this.onerror = undefined;
  }
  async start() {
    this.socket.on("message", (data) => {
      let msg;
      try {
        msg = JSON.parse(data.toString("utf8"));
      } catch (e) {
        this.onerror?.(new Error(`invalid JSON-RPC frame: ${e.message}`));
        return;
      }
      this.onmessage?.(msg);
    });
    this.socket.on("close", () => this.onclose?.());
    this.socket.on("error", (e) => this.onerror?.(e));
  }
  async send(message) {
    this.socket.send(JSON.stringify(message));
  }
  async close() {
    this.socket.close();
  }
}

function sameToken(a, b) {
  const x = Buffer.from(String(a ?? ""));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Listen on 127.0.0.1 only. Clients must present the token either as
 * `?token=` or in the `authorization: Bearer` header. Browser origins other
 * than localhost are rejected to prevent DNS-rebinding / drive-by connections.
 */
export function listenWebSocket({ port, token, onConnection }) {
  const secret = token || randomBytes(24).toString("base64url");
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port,
    maxPayload: 4 * 1024 * 1024,
    verifyClient: ({ req, origin }) => {
      if (origin && !/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin)) return false;
      const url = new URL(req.url, "http://127.0.0.1");
      const bearer = (req.headers.authorization || "").replace(/^Bearer\s+/i, "");
      return sameToken(url.searchParams.get("token") || bearer, secret);
    },
  });
  wss.on("connection", (socket) => onConnection(new WebSocketConnectionTransport(socket)));
  return { wss, token: secret };
}
