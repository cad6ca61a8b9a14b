import { WebSocketServer } from "ws";
import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { randomUUID, timingSafeEqual } from "node:crypto";

/** MCP Transport over a single, already-accepted WebSocket connection. */
export class WebSocketConnectionTransport {
  constructor(socket) {
    this.socket = socket;
    this.sessionId = randomUUID();
    this.onmessage = undefined;
    this.onclose = undefined;
    this.onerror = undefined;
  }

  async start() {
    this.socket.on("message", (data) => {
      let msg;
      try {
        msg = JSONRPCMessageSchema.parse(JSON.parse(data.toString("utf8")));
      } catch (err) {
        this.onerror?.(err);
        return;
      }
      this.onmessage?.(msg);
    });
    this.socket.on("close", () => this.onclose?.());
    this.socket.on("error", (err) => this.onerror?.(err));
  }

  async send(message) {
    if (this.socket.readyState !== this.socket.OPEN) throw new Error("WebSocket is not open");
    await new Promise((resolve, reject) => this.socket.send(JSON.stringify(message), (err) => (err ? reject(err) : resolve())));
  }

  async close() {
    this.socket.close(1000);
  }
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

function tokenMatches(header, expected) {
  if (!header || !header.startsWith("Bearer ")) return false;
  const a = Buffer.from(header.slice(7));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Start a WebSocket listener; `createServer()` is called once per connection so sessions are isolated.
 */
export function listenWebSocket({ host = "127.0.0.1", port = 8808, token, allowedOrigins = [], createServer, log = console.error }) {
  if (!LOOPBACK.has(host) && !token) {
    throw new Error(`Refusing to listen on ${host} without PROMSTATS_WS_TOKEN`);
  }
  const wss = new WebSocketServer({
    host,
    port,
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has("mcp") ? "mcp" : false),
    verifyClient: ({ req, origin }, done) => {
      if (origin && !allowedOrigins.includes(origin)) return done(false, 403, "Origin not allowed");
      if (token && !tokenMatches(req.headers.authorization, token)) return done(false, 401, "Unauthorized");
      done(true);
    },
  });
  wss.on("connection", async (socket, req) => {
    const transport = new WebSocketConnectionTransport(socket);
    log(`promstats: ws session ${transport.sessionId} from ${req.socket.remoteAddress}`);
    try {
      await createServer().connect(transport);
    } catch (err) {
      log(`promstats: session failed: ${err.message}`);
      socket.close(1011);
    }
  });
  wss.on("listening", () => log(`promstats: listening on ws://${host}:${port}`));
  return wss;
}
