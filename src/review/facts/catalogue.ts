/**
 * What code in an npm package can do, as data: every way it can send data out, run code or programs,
 * write, delete or persist on the machine, read secrets, speak to the model, or decide by its
 * environment. Rules never retype API names: the collector matches code against these rows and rules
 * ask the facts for families. Path classes, programs that print secrets and the tool names of
 * well-known MCP servers are data here too.
 *
 * A row is reached one of four ways:
 * - a module's export, called or constructed: `require("node:http2").connect(…)`, `import { exec }`;
 *   `member: ""` is the module itself (`axios(url)`, `got(url)`, `new WebSocket(url)` from "ws");
 * - a global: `fetch(…)`, `new EventSource(…)`, `navigator.sendBeacon(…)`;
 * - a method of an instance the module makes: `nodemailer.createTransport(…).sendMail(…)`;
 * - a class's method: `new SESClient(…).send(new SendEmailCommand({ Destination: { BccAddresses } }))`.
 * `target` names the argument that carries the target (index, or index.key for an options object),
 * `data` the one that carries what is sent or written.
 */

export type Family =
  /** Sends data off the machine (requests, sockets, DNS, mail, messages, uploads). */
  | "network"
  /** Accepts connections from elsewhere (a server, a debugger port). */
  | "listen"
  /** Runs other programs. */
  | "exec"
  /** Runs code that is not a module of the package (eval, vm, workers from text, native addons, loaders). */
  | "code"
  /** Writes files, changes permissions or links. */
  | "write"
  /** Deletes files or trees. */
  | "delete"
  /** Reads files (secret only by what it reads: see PATH_CLASSES). */
  | "read"
  /** Reads secrets by itself (a keychain, other code's requests, the whole environment). */
  | "secret"
  /** Speaks to the model (tool text and results, prompts, resources, elicitation, sampling). */
  | "model"
  /** Reads the machine's environment: time, locale, time zone, host, user, network addresses, CI. */
  | "environment"
  /** Turns hidden text back into text (decompression, decryption, decoding). */
  | "decode"
  /** Changes the page the code runs in (injects elements, plays sound, navigates, pops up dialogs). */
  | "page";

export type TargetKind = "url" | "host" | "path" | "command" | "code" | "module" | "recipient";

export interface Row {
  /** Stable id: `module.member` or `global:name` or `module#factory.method`. */
  id: string;
  family: Family;
  /** Plain words for the review: "opens an HTTP/2 session". */
  label: string;
  via:
    | { kind: "member"; module: string; member: string }
    | { kind: "global"; name: string }
    | { kind: "instance"; module: string; factory: string; method: string }
    | { kind: "class"; module: string; name: string; method: string }
    /** A method chain specific enough to name its API on any object (`x.repos.createOrUpdateFileContents`). */
    | { kind: "chain"; chain: string };
  /** The argument carrying the target: its index, or `index.key` in an options object. */
  /** `arg`: which argument carries the target; -1 is the last one (Function's body). */
  target?: { arg: number; key?: string; kind: TargetKind };
  /** The argument carrying the data sent or written. */
  data?: number;
  /** The argument read from, where the target is a destination (copy, move, link): a path read too. */
  source?: number;
}

type Spec = { target?: Row["target"]; data?: number; source?: number };
const at = (arg: number, kind: TargetKind, key?: string): Row["target"] => ({
  arg,
  kind,
  ...(key ? { key } : {}),
});

const rows: Row[] = [];

/** Rows for members of a module: `names` is a space-separated list; `Sync` twins are added for fs. */
function members(module: string | string[], family: Family, label: string, names: string, spec: Spec = {}) {
  for (const m of Array.isArray(module) ? module : [module])
    for (const member of names.split(/\s+/).filter(Boolean))
      rows.push({
        id: `${m}.${member || "default"}`,
        family,
        label,
        via: { kind: "member", module: m, member },
        ...spec,
      });
}
function globals(family: Family, label: string, names: string, spec: Spec = {}) {
  for (const name of names.split(/\s+/).filter(Boolean))
    rows.push({ id: `global:${name}`, family, label, via: { kind: "global", name }, ...spec });
}
function instance(
  module: string | string[],
  factory: string,
  family: Family,
  label: string,
  methods: string,
  spec: Spec = {},
) {
  for (const m of Array.isArray(module) ? module : [module])
    for (const method of methods.split(/\s+/).filter(Boolean))
      rows.push({
        id: `${m}#${factory}.${method}`,
        family,
        label,
        via: { kind: "instance", module: m, factory, method },
        ...spec,
      });
}
function klass(
  module: string | string[],
  name: string,
  family: Family,
  label: string,
  methods: string,
  spec: Spec = {},
) {
  for (const m of Array.isArray(module) ? module : [module])
    for (const method of methods.split(/\s+/).filter(Boolean))
      rows.push({
        id: `${m}#new ${name}.${method}`,
        family,
        label,
        via: { kind: "class", module: m, name, method },
        ...spec,
      });
}
function chains(family: Family, label: string, names: string, spec: Spec = {}) {
  for (const chain of names.split(/\s+/).filter(Boolean))
    rows.push({ id: `chain:${chain}`, family, label, via: { kind: "chain", chain }, ...spec });
}
const withSync = (names: string) =>
  names
    .split(/\s+/)
    .flatMap((n) => [n, `${n}Sync`])
    .join(" ");

// ---------------------------------------------------------------- Node: network
members(["http", "https"], "network", "sends an HTTP request", "request get", { target: at(0, "url") });
members(
  ["http", "https", "http2", "net", "tls"],
  "listen",
  "accepts connections",
  "createServer createSecureServer Server",
);
members("http2", "network", "opens an HTTP/2 session", "connect", { target: at(0, "url") });
members("net", "network", "opens a TCP connection", "connect createConnection Socket", {
  target: at(0, "host", "host"),
});
members("tls", "network", "opens a TLS connection", "connect TLSSocket", { target: at(0, "host", "host") });
members("dgram", "network", "sends UDP datagrams", "createSocket Socket");
instance("dgram", "createSocket", "network", "sends UDP datagrams", "send connect", { data: 0 });
members(
  ["dns", "dns/promises"],
  "network",
  "makes DNS queries (data can leave in the name asked)",
  "lookup lookupService resolve resolve4 resolve6 resolveAny resolveCaa resolveCname resolveMx resolveNaptr resolveNs resolvePtr resolveSoa resolveSrv resolveTxt reverse Resolver",
  { target: at(0, "host") },
);
members(
  "dns",
  "network",
  "makes DNS queries (data can leave in the name asked)",
  "promises.lookup promises.resolve promises.resolve4 promises.resolve6 promises.resolveAny promises.resolveCname promises.resolveMx promises.resolveNs promises.resolveTxt promises.resolveSrv promises.reverse",
  { target: at(0, "host") },
);
klass(
  ["dns", "dns/promises"],
  "Resolver",
  "network",
  "makes DNS queries (data can leave in the name asked)",
  "resolve resolve4 resolve6 resolveAny resolveCname resolveMx resolveNs resolveTxt resolveSrv reverse",
  { target: at(0, "host") },
);
klass(
  "dns",
  "promises.Resolver",
  "network",
  "makes DNS queries (data can leave in the name asked)",
  "resolve resolve4 resolve6 resolveAny resolveCname resolveMx resolveNs resolveTxt resolveSrv reverse",
  { target: at(0, "host") },
);
members("_http_client", "network", "sends an HTTP request", "ClientRequest", { target: at(0, "url") });
members("_http_agent", "network", "sends HTTP requests", "Agent globalAgent");
members("_tls_wrap", "network", "opens a TLS connection", "TLSSocket connect");
members("_http_server", "listen", "accepts connections", "Server");
// `url()` only reads the address of a debugger already open; `open()` opens one.
members("inspector", "listen", "opens a debugger port (remote code execution)", "open");
members("inspector/promises", "listen", "opens a debugger port (remote code execution)", "open");

// ---------------------------------------------------------------- Node: programs and code
members(
  "child_process",
  "exec",
  "runs another program",
  "exec execSync spawn spawnSync execFile execFileSync fork ChildProcess",
  { target: at(0, "command") },
);
members("cluster", "exec", "starts copies of the process", "fork setupPrimary setupMaster");
members(
  "vm",
  "code",
  "runs text as code (vm)",
  "runInThisContext runInNewContext runInContext Script compileFunction SourceTextModule SyntheticModule measureMemory",
  { target: at(0, "code") },
);
members("worker_threads", "code", "starts a worker thread (text as code with eval: true)", "Worker", {
  target: at(0, "code"),
});
members(
  "module",
  "code",
  "loads code through Node's module loader",
  "_load _compile register Module runMain syncBuiltinESMExports",
  {
    target: at(0, "module"),
  },
);
klass("module", "default", "code", "compiles text as a module (loader internals)", "_compile", {
  target: at(0, "code"),
});
klass("module", "Module", "code", "compiles text as a module (loader internals)", "_compile", {
  target: at(0, "code"),
});
// CommonJS's `module.constructor` is the Module class: building one by hand is for compiling text.
globals("code", "builds a module by hand to compile text (loader internals)", "module.constructor", {
  target: at(0, "code"),
});
// Only Node's Module has `_compile`: on any object (a minifier's reused name) it compiles text as a module.
chains("code", "compiles text as a module (loader internals)", "_compile", { target: at(0, "code") });
members("wasi", "code", "runs WebAssembly with system access", "WASI");
members("repl", "code", "starts a read-eval-print loop", "start REPLServer");
members(
  "v8",
  "code",
  "changes the engine (flags, snapshots)",
  "setFlagsFromString startupSnapshot deserialize",
);
members("process", "code", "loads native code or internal bindings", "dlopen binding _linkedBinding");
members("process", "exec", "replaces or signals processes", "execve kill");

// A require made by createRequire is followed as a require (capabilities.ts); making one is no capability.
members("module", "read", "makes a require function", "createRequire");

// ---------------------------------------------------------------- Node: files
const FS = ["fs", "fs/promises", "fs-extra", "graceful-fs", "original-fs"];
members(
  FS,
  "write",
  "writes files",
  withSync(
    "writeFile appendFile chmod chown lchown truncate utimes mkdir mkdtemp outputFile outputJson writeJson writeJSON ensureFile",
  ),
  { target: at(0, "path"), data: 1 },
);
// Copies, moves and links write their second argument (the destination) from the first.
members(
  FS,
  "write",
  "writes files",
  withSync("copyFile cp rename symlink link move copy ensureLink ensureSymlink"),
  {
    target: at(1, "path"),
    source: 0,
  },
);
members(FS, "write", "writes files", "createWriteStream open openSync write writeSync", {
  target: at(0, "path"),
});
members(FS, "delete", "deletes files", withSync("rm rmdir unlink remove emptyDir"), {
  target: at(0, "path"),
});
members(
  FS,
  "read",
  "reads files",
  withSync("readFile readdir opendir readJson readJSON access exists stat lstat readlink realpath"),
  { target: at(0, "path") },
);
members(FS, "read", "reads files", "createReadStream", { target: at(0, "path") });
members("fs", "write", "writes files (promises API)", "promises");
members(
  ["rimraf", "del", "trash"],
  "delete",
  "deletes trees",
  "default rimraf rimrafSync deleteAsync deleteSync sync",
  {
    target: at(0, "path"),
  },
);
members("node:sqlite", "write", "opens a database file", "DatabaseSync", { target: at(0, "path") });
members("v8", "write", "writes a heap snapshot", "writeHeapSnapshot", { target: at(0, "path") });

// ---------------------------------------------------------------- Node: environment
members(
  "os",
  "environment",
  "reads the machine's identity",
  "hostname userInfo networkInterfaces platform type arch release version machine homedir tmpdir cpus totalmem EOL",
);
globals(
  "environment",
  "reads the machine's locale, time zone or clock",
  "Intl.DateTimeFormat Date.now navigator.language navigator.languages navigator.userAgent",
);

// ---------------------------------------------------------------- Node: secrets and observation
// Subscribing observes what other code publishes (undici's request headers and bodies); making a
// channel to publish one's own events (lru-cache's tracing) observes nothing.
members("diagnostics_channel", "secret", "observes other code's requests (headers, bodies)", "subscribe");
instance(
  "diagnostics_channel",
  "channel",
  "secret",
  "observes other code's requests (headers, bodies)",
  "subscribe bindStore",
);
instance(
  "diagnostics_channel",
  "tracingChannel",
  "secret",
  "observes other code's requests (headers, bodies)",
  "subscribe",
);
members("async_hooks", "secret", "observes other code's execution", "createHook");

// ---------------------------------------------------------------- decoders
members(
  "zlib",
  "decode",
  "decompresses hidden text",
  withSync("inflate inflateRaw gunzip unzip brotliDecompress zstdDecompress"),
);
members(
  "zlib",
  "decode",
  "decompresses hidden text",
  "createInflate createGunzip createBrotliDecompress createUnzip",
);
members("string_decoder", "decode", "decodes bytes", "StringDecoder");
// createDecipher: deprecated, gone in Node 22, still run by Node 20 (flatmap-stream's loader used it).
members(
  "crypto",
  "decode",
  "decrypts hidden text",
  "createDecipher createDecipheriv privateDecrypt publicDecrypt",
);
members("buffer", "decode", "decodes bytes", "atob transcode");
globals("decode", "decodes bytes", "TextDecoder atob DecompressionStream");

// ---------------------------------------------------------------- Web globals
globals(
  "network",
  "sends a request",
  "fetch globalThis.fetch window.fetch self.fetch XMLHttpRequest Request",
  {
    target: at(0, "url"),
  },
);
globals("network", "opens a WebSocket", "WebSocket", { target: at(0, "url") });
globals("network", "opens an event stream (data leaves in the URL)", "EventSource", { target: at(0, "url") });
globals("network", "sends a beacon", "navigator.sendBeacon", { target: at(0, "url"), data: 1 });
globals("network", "opens a WebTransport session", "WebTransport", { target: at(0, "url") });
globals("network", "opens a peer connection", "RTCPeerConnection");
globals("code", "runs text as code", "eval globalThis.eval window.eval global.eval self.eval", {
  target: at(0, "code"),
});
// `Function("a", "b", body)`: the body is the last argument (the others are parameter names).
globals("code", "runs text as code", "Function", { target: at(-1, "code") });
globals(
  "code",
  "runs WebAssembly",
  "WebAssembly.instantiate WebAssembly.compile WebAssembly.Module WebAssembly.instantiateStreaming",
);
globals("code", "starts a worker", "Worker SharedWorker importScripts", { target: at(0, "code") });
globals(
  "code",
  "loads native code or internal bindings",
  "process.dlopen process.binding process._linkedBinding",
);
globals(
  "code",
  "loads code through Node's module loader",
  "module.constructor._load module.require process.mainModule.require",
  {
    target: at(0, "module"),
  },
);
globals("code", "loads a module from a computed, data: or network URL", "import", { target: at(0, "code") });
// Browser storage is a web client's own state; cookies are the session of whatever site the code runs in.
globals("secret", "reads the page's cookies", "document.cookie");

members(
  ["@aws-sdk/credential-providers", "@aws-sdk/credential-provider-node", "@aws-sdk/credential-provider-ini"],
  "secret",
  "reads cloud credentials",
  "fromNodeProviderChain fromIni fromEnv fromSSO fromProcess fromInstanceMetadata fromContainerMetadata defaultProvider",
);
members("google-auth-library", "secret", "reads cloud credentials", "GoogleAuth");
// Every AWS SDK v3 client resolves its credentials on request: `new S3Client({}).config.credentials()`
// hands the code the keys the SDK found (environment, ~/.aws, SSO, instance role) without naming a file.
for (const [service, client] of [
  ["s3", "S3"],
  ["sts", "STS"],
  ["dynamodb", "DynamoDB"],
  ["lambda", "Lambda"],
  ["secrets-manager", "SecretsManager"],
  ["ssm", "SSM"],
  ["ec2", "EC2"],
  ["iam", "IAM"],
  ["ses", "SES"],
  ["sesv2", "SESv2"],
  ["sqs", "SQS"],
  ["sns", "SNS"],
  ["kms", "KMS"],
  ["ecs", "ECS"],
  ["cloudwatch-logs", "CloudWatchLogs"],
  ["bedrock-runtime", "BedrockRuntime"],
  ["cognito-identity-provider", "CognitoIdentityProvider"],
] as const)
  klass(
    `@aws-sdk/client-${service}`,
    `${client}Client`,
    "secret",
    "reads the cloud credentials its SDK client holds",
    "config.credentials",
  );
members("keytar", "secret", "reads the system keychain", "getPassword findPassword findCredentials");

// ---------------------------------------------------------------- the page (browser code)
globals(
  "page",
  "changes the page the code runs in",
  "document.createElement document.write document.writeln document.body.appendChild document.body.insertAdjacentHTML document.body.prepend alert confirm prompt window.open window.alert location.assign location.replace window.location.assign window.location.replace Audio",
);

// ---------------------------------------------------------------- HTTP clients
const HTTP_CALLERS = [
  "axios",
  "got",
  "node-fetch",
  "cross-fetch",
  "isomorphic-fetch",
  "make-fetch-happen",
  "ky",
  "ofetch",
  "redaxios",
  "phin",
  "centra",
  "bent",
  "needle",
  "request",
  "wretch",
  "superagent",
  "httpie",
];
members(HTTP_CALLERS, "network", "sends an HTTP request", "", { target: at(0, "url") });
members(
  HTTP_CALLERS,
  "network",
  "sends an HTTP request",
  "get post put patch delete head request fetch default",
  {
    target: at(0, "url"),
  },
);
instance(
  ["axios", "got", "ky", "ofetch"],
  "create",
  "network",
  "sends an HTTP request",
  "get post put patch delete request",
  {
    target: at(0, "url"),
  },
);
instance("got", "extend", "network", "sends an HTTP request", "get post put patch delete", {
  target: at(0, "url"),
});
members(
  "undici",
  "network",
  "sends an HTTP request",
  "request fetch stream pipeline connect upgrade Client Pool Agent ProxyAgent",
  {
    target: at(0, "url"),
  },
);
members(
  ["global-agent", "proxy-agent", "https-proxy-agent"],
  "network",
  "routes requests through a proxy (sees all traffic)",
  "bootstrap ProxyAgent HttpsProxyAgent",
);
members("undici", "network", "opens a WebSocket", "WebSocket EventSource", { target: at(0, "url") });
// Every later request of the process (fetch included) goes through the dispatcher set here: a proxy
// it names sees, and with TLS checks off can change, all traffic; its target is the proxy's address.
members(
  "undici",
  "secret",
  "routes every request of the process through a dispatcher it sets",
  "setGlobalDispatcher",
  {
    target: at(0, "url"),
  },
);
members(
  ["ws", "isomorphic-ws", "reconnecting-websocket"],
  "network",
  "opens a WebSocket",
  "default WebSocket",
  {
    target: at(0, "url"),
  },
);
members(["socket.io-client"], "network", "opens a socket.io connection", "default io connect", {
  target: at(0, "url"),
});
members(["eventsource"], "network", "opens an event stream", "default EventSource", { target: at(0, "url") });
members(["mqtt"], "network", "connects to an MQTT broker", "connect", { target: at(0, "url") });
members(["ssh2"], "network", "opens an SSH connection", "Client");
members(["ftp", "basic-ftp"], "network", "opens an FTP connection", "Client");

// ---------------------------------------------------------------- mail and messages (recipients in MAIL_RECIPIENT_KEYS)
instance("nodemailer", "createTransport", "network", "sends mail", "sendMail send", { data: 0 });
members("@sendgrid/mail", "network", "sends mail", "send sendMultiple", { data: 0 });
instance("@sendgrid/mail", "default", "network", "sends mail", "send sendMultiple", { data: 0 });
klass("resend", "Resend", "network", "sends mail", "emails.send batch.send", { data: 0 });
klass(
  "postmark",
  "ServerClient",
  "network",
  "sends mail",
  "sendEmail sendEmailBatch sendEmailWithTemplate sendEmailBatchWithTemplates",
  {
    data: 0,
  },
);
instance("mailgun.js", "client", "network", "sends mail", "messages.create", { data: 1 });
klass("mailersend", "MailerSend", "network", "sends mail", "email.send", { data: 0 });
members(
  ["@aws-sdk/client-ses", "@aws-sdk/client-sesv2"],
  "network",
  "sends mail",
  "SendEmailCommand SendRawEmailCommand SendBulkEmailCommand SendTemplatedEmailCommand",
  {
    data: 0,
  },
);
members("@aws-sdk/client-sns", "network", "publishes a message", "PublishCommand", { data: 0 });
members("@aws-sdk/client-sqs", "network", "sends a queue message", "SendMessageCommand", { data: 0 });
members("@aws-sdk/client-s3", "network", "uploads an object", "PutObjectCommand", { data: 0 });
members("@aws-sdk/lib-storage", "network", "uploads an object", "Upload", { data: 0 });
klass("@google-cloud/storage", "Storage", "network", "uploads an object", "bucket");
klass("@slack/web-api", "WebClient", "network", "posts a Slack message", "chat.postMessage files.uploadV2", {
  data: 0,
});
klass("@slack/webhook", "IncomingWebhook", "network", "posts a Slack message", "send", { data: 0 });
klass("twilio", "Twilio", "network", "sends a message", "messages.create", { data: 0 });
klass("discord.js", "WebhookClient", "network", "posts a Discord message", "send", { data: 0 });
klass("telegraf", "Telegraf", "network", "posts a Telegram message", "telegram.sendMessage", { data: 1 });

// ---------------------------------------------------------------- code hosting and publishing (spreading)
klass(
  ["@octokit/rest", "octokit", "@octokit/core"],
  "Octokit",
  "network",
  "writes to GitHub",
  "request rest.repos.createOrUpdateFileContents rest.gists.create rest.repos.createForAuthenticatedUser rest.actions.createOrUpdateRepoSecret rest.git.createRef",
  { target: at(0, "url"), data: 1 },
);
// The same writes on a client the code was handed (a plugin's `octokit` parameter): the chain names them.
// The target is the file's path in the repository: a workflow there runs with the repository's secrets.
chains(
  "write",
  "writes a file into a GitHub repository",
  "repos.createOrUpdateFileContents rest.repos.createOrUpdateFileContents",
  {
    target: at(0, "path", "path"),
    data: 0,
  },
);
members(["libnpmpublish"], "network", "publishes an npm package", "publish", { data: 1 });
members(["simple-git"], "exec", "runs git", "default simpleGit");

// ---------------------------------------------------------------- MCP SDK: speaking to the model
const MCP_SERVER = ["@modelcontextprotocol/sdk/server/mcp.js", "@modelcontextprotocol/sdk/server/index.js"];
klass(
  MCP_SERVER,
  "McpServer",
  "model",
  "speaks to the model (tool, prompt or resource text)",
  "tool registerTool prompt registerPrompt resource registerResource",
);
klass(MCP_SERVER, "Server", "model", "speaks to the model (request handlers)", "setRequestHandler");
klass(
  MCP_SERVER,
  "McpServer",
  "model",
  "asks the user or the model (elicitation, sampling)",
  "server.elicitInput server.createMessage",
);
klass(
  MCP_SERVER,
  "Server",
  "model",
  "asks the user or the model (elicitation, sampling)",
  "elicitInput createMessage",
);

export const CATALOGUE: readonly Row[] = rows;

/**
 * Node's builtins with no capability a rule cares about (pure computation, streams, formatting).
 * Every entry of `node:module`'s builtinModules is a module of the catalogue or listed here (a test
 * fails when Node adds one), so nothing is left out by default.
 */
export const NO_CAPABILITY: readonly string[] = [
  "assert",
  "assert/strict",
  "console",
  "constants",
  "domain",
  "events",
  "path",
  "path/posix",
  "path/win32",
  "perf_hooks",
  "punycode",
  "querystring",
  "readline",
  "readline/promises",
  "stream",
  "stream/consumers",
  "stream/promises",
  "stream/web",
  "sys",
  "timers",
  "timers/promises",
  "trace_events",
  "tty",
  "url",
  "util",
  "util/types",
  "_stream_duplex",
  "_stream_passthrough",
  "_stream_readable",
  "_stream_transform",
  "_stream_wrap",
  "_stream_writable",
  "_tls_common",
  "_http_common",
  "_http_incoming",
  "_http_outgoing",
  "sea",
  "test",
  "test/reporters",
];

/** The module a specifier names, without Node's `node:` prefix (sqlite keeps its canonical name). */
export function moduleName(spec: string): string {
  const bare = spec.startsWith("node:") ? spec.slice(5) : spec;
  return bare === "sqlite" ? "node:sqlite" : bare;
}

/** Modules the catalogue has rows for. */
export const CATALOGUE_MODULES: ReadonlySet<string> = new Set(
  rows.flatMap((r) => (r.via.kind === "global" || r.via.kind === "chain" ? [] : [r.via.module])),
);

// ---------------------------------------------------------------- recipients

/**
 * Keys that carry who a message goes to or where a copy goes, in the mail and message APIs above and
 * in hand-built requests (compared case-insensitively, `-`/`_` ignored): nodemailer's `to/cc/bcc` and
 * SMTP `envelope`, SES `ToAddresses/CcAddresses/BccAddresses`, Postmark `Bcc`, Mailgun `h:Bcc`,
 * webhook and forwarding targets.
 */
export const RECIPIENT_KEYS: ReadonlySet<string> = new Set(
  [
    "to",
    "cc",
    "bcc",
    "replyto",
    "forward",
    "forwardto",
    "recipient",
    "recipients",
    "webhook",
    "webhookurl",
    "callbackurl",
    "envelope",
    "toaddresses",
    "ccaddresses",
    "bccaddresses",
    "destination",
    "destinations",
    "personalizations",
    "h:bcc",
    "h:cc",
    "h:to",
    "rcpt",
    "rcptto",
    "sendto",
    "mailto",
    "copyto",
    "blindcopy",
    "blindcarboncopy",
    "redirect",
    "redirectto",
    "redirecturl",
  ].map((k) => k.replace(/[-_]/g, "")),
);

export function isRecipientKey(key: string): boolean {
  return key.length <= 24 && RECIPIENT_KEYS.has(key.toLowerCase().replace(/[-_]/g, ""));
}

// ---------------------------------------------------------------- path classes

export type PathClass = "credentials" | "agent-config" | "persistence" | "whole-disk";

export interface PathRow {
  id: string;
  class: PathClass;
  label: string;
  /** Matched on the resolved path: `~` for the home folder, `/` separators, `…` for unknown parts. */
  re: RegExp;
}

/** Where secrets, agent configurations and start-up hooks live, matched on resolved paths. */
export const PATH_CLASSES: readonly PathRow[] = [
  {
    id: "ssh",
    class: "credentials",
    label: "SSH keys",
    re: /(?:^|\/)\.ssh(?:\/(?!known_hosts$|config$)|$)|(?:^|\/)id_(?:rsa|ed25519|ecdsa|dsa)(?:\.pub)?$/,
  },
  {
    id: "npmrc",
    class: "credentials",
    label: "npm credentials",
    re: /(?:^|\/)\.npmrc$|(?:^|\/)\.yarnrc(?:\.yml)?$/,
  },
  { id: "aws", class: "credentials", label: "AWS credentials", re: /(?:^|\/)\.aws(?:\/|$)/ },
  {
    id: "gcloud",
    class: "credentials",
    label: "Google Cloud credentials",
    re: /\.config\/gcloud(?:\/|$)|application_default_credentials\.json$/,
  },
  { id: "azure", class: "credentials", label: "Azure credentials", re: /(?:^|\/)\.azure(?:\/|$)/ },
  {
    id: "kube",
    class: "credentials",
    label: "Kubernetes config",
    re: /(?:^|\/)\.kube\/config$|(?:^|\/)\.kube\/?$/,
  },
  {
    id: "docker",
    class: "credentials",
    label: "Docker registry credentials",
    re: /(?:^|\/)\.docker\/config\.json$/,
  },
  {
    id: "git",
    class: "credentials",
    label: "git and GitHub credentials",
    re: /(?:^|\/)\.git-credentials$|(?:^|\/)[._]netrc$|\.config\/gh\/hosts\.yml$|\.config\/hub$/,
  },
  {
    id: "gpg",
    class: "credentials",
    label: "GPG keys",
    re: /(?:^|\/)\.gnupg(?:\/|$)|(?:^|\/)\.password-store(?:\/|$)/,
  },
  {
    id: "tokens",
    class: "credentials",
    label: "tool credentials",
    re: /(?:^|\/)\.pypirc$|(?:^|\/)\.cargo\/credentials(?:\.toml)?$|(?:^|\/)\.gem\/credentials$|(?:^|\/)\.vault-token$|(?:^|\/)\.pgpass$|(?:^|\/)\.my\.cnf$|\.terraform\.d\/credentials\.tfrc\.json$|(?:^|\/)\.terraformrc$|\.config\/(?:op|doctl|heroku|netlify|vercel|fly)\b|(?:^|\/)\.fly\/config\.yml$|\.netlify\/config\.json$|\.config\/configstore\/|(?:^|\/)\.vercel\/auth\.json$|com\.vercel\.cli\/auth\.json$/,
  },
  {
    id: "keychain",
    class: "credentials",
    label: "the system keychain",
    re: /Library\/Keychains|login\.keychain|\/etc\/shadow$|Microsoft\/Credentials|Microsoft\/Protect/,
  },
  {
    id: "browser",
    class: "credentials",
    label: "browser profiles (saved passwords, cookies)",
    re: /Login Data$|\/Cookies$|Local State$|User Data\/Default|\.mozilla\/firefox|logins\.json$|key4\.db$|Google\/Chrome|BraveSoftware|Microsoft\/Edge|Library\/Application Support\/Firefox/,
  },
  {
    id: "wallet",
    class: "credentials",
    label: "crypto wallets",
    re: /wallet\.dat$|(?:^|\/)(?:Exodus|MetaMask|\.electrum|\.bitcoin|\.ethereum|\.solana)(?:\/|$)|solana\/id\.json$|nkbihfbeogaeaoehlefnkodbefgpgknn|Ethereum\/keystore/,
  },
  { id: "dotenv", class: "credentials", label: "a .env file", re: /(?:^|\/)\.env(?:\.[\w-]+)?$/ },
  {
    id: "agent-config",
    class: "agent-config",
    label: "an AI agent's configuration",
    re: /claude_desktop_config\.json$|(?:^|\/)\.claude(?:\.json$|\/|$)|(?:^|\/)\.cursor\/(?:mcp\.json|rules)|\.vscode\/mcp\.json$|\.codeium\/windsurf|windsurf\/mcp_config\.json$|cline_mcp_settings\.json$|\.continue\/config|\.gemini\/settings\.json$|\.codex\/config\.toml$|(?:^|\/)\.mcp\.json$|\.kiro\/settings\/mcp\.json$|Code\/User\/(?:settings|mcp)\.json$|(?:^|\/)\.roo\/mcp\.json$|(?:^|\/)(?:CLAUDE|AGENTS|GEMINI)\.md$|(?:^|\/)\.cursorrules$|\.github\/copilot-instructions\.md$/,
  },
  {
    id: "shell-rc",
    class: "persistence",
    label: "a shell start-up file",
    re: /(?:^|\/)\.(?:bashrc|bash_profile|bash_login|profile|zshrc|zprofile|zshenv|zlogin|kshrc|cshrc|tcshrc)$|\.config\/fish\/config\.fish$|\/etc\/(?:profile(?:\.d\/.*)?|bash\.bashrc|zshrc|environment)$|PowerShell\/Microsoft\.PowerShell_profile\.ps1$/,
  },
  {
    id: "scheduler",
    class: "persistence",
    label: "a scheduled job",
    re: /\/var\/spool\/cron|\/etc\/cron|(?:^|\/)crontab$|Library\/Launch(?:Agents|Daemons)|\.config\/autostart|\.config\/systemd\/user|\/etc\/systemd\/|\/lib\/systemd\/|\/etc\/rc\.local$|\/etc\/init\.d\/|Start Menu\/Programs\/Startup|CurrentVersion\\\\?Run/,
  },
  {
    id: "ci-workflow",
    class: "persistence",
    label: "a CI workflow (runs with the repository's secrets on every push)",
    re: /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$|(?:^|\/)\.gitlab-ci\.yml$|(?:^|\/)\.circleci\/config\.yml$/,
  },
  {
    id: "git-hooks",
    class: "persistence",
    label: "git hooks",
    re: /(?:^|\/)\.git\/hooks(?:\/|$)|(?:^|\/)\.husky\/|core\.hooksPath/,
  },
  {
    id: "editor-tasks",
    class: "persistence",
    label: "an editor task run on opening a folder",
    re: /\.vscode\/tasks\.json$|\.idea\/workspace\.xml$/,
  },
  {
    id: "ssh-authorized",
    class: "persistence",
    label: "SSH authorized keys",
    re: /\.ssh\/authorized_keys2?$/,
  },
  {
    id: "process-env",
    class: "credentials",
    label: "another process's environment",
    re: /^\/proc\/(?:…|self|\d+)\/environ$/,
  },
  {
    id: "git-config",
    class: "persistence",
    label: "git settings that run programs or redirect pushes",
    re: /\bremote\.[\w.…-]+\.pushurl\b|\burl\.[^\s]*\.(?:push)?insteadOf\b|\bcore\.(?:sshCommand|fsmonitor)\b|\bcredential\.helper\b/i,
  },
  { id: "home-rc", class: "persistence", label: "a start-up file in the home folder", re: /^~\/\.[^/]*rc$/ },
  {
    id: "root",
    class: "whole-disk",
    label: "the whole disk",
    re: /^(?:\/|~(?:\/\.\.)*|[A-Za-z]:|\/(?:home|Users|etc|usr|var))\/?$/,
  },
];

/**
 * `..` segments resolved against the fixed segments before them, as path.resolve does
 * (`~/.cache/app/../..` is `~`; above the home folder is `~/..`); a computed part (`…`) stops it.
 */
export function normalizePath(path: string): string {
  const p = path.replace(/\\+/g, "/");
  if (!/(?:^|\/)\.\.?(?:\/|$)/.test(p)) return p;
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "." && out.length) continue;
    if (seg === ".." && out.length && !["..", "…", "~", ""].includes(out[out.length - 1]!)) out.pop();
    else if (seg === ".." && out.length === 1 && out[0] === "")
      continue; // `/..` is `/`
    else out.push(seg);
  }
  const joined = out.join("/");
  return joined === "" ? "/" : joined;
}

export function pathClassOf(path: string): PathRow | null {
  const p = normalizePath(path);
  // Persistence outranks credentials for ~/.ssh/authorized_keys (a write there is a back door).
  return (
    PATH_CLASSES.find((r) => r.id === "ssh-authorized" && r.re.test(p)) ??
    PATH_CLASSES.find((r) => r.re.test(p)) ??
    null
  );
}

// ---------------------------------------------------------------- programs

export interface ProgramRow {
  id: string;
  label: string;
  /** The arguments alone, for argv arrays handed to a helper that runs the program (`["credential", "fill"]`). */
  args?: RegExp;
  /** Matched on the resolved command line (program and arguments, `…` for unknown parts). */
  re: RegExp;
  /**
   * A platform CLI's own token (`gh auth token`, `gcloud auth print-access-token`): a server for that
   * platform asks for it to call the platform's API, so alone it is not a theft; beside a new host it is.
   */
  platform?: true;
}

/** Programs whose output is a secret: running them reads credentials as surely as reading the file. */
export const SECRET_PROGRAMS: readonly ProgramRow[] = [
  {
    id: "git-credential",
    label: "git credential fill",
    args: /^credential(?:-\w+)? (?:fill|get)\b/,
    re: /\bgit\b.*\bcredential(?:-\w+)?\b.*\b(?:fill|get)\b/,
  },
  {
    id: "gh-token",
    label: "gh auth token",
    platform: true,
    args: /^auth token\b/,
    re: /\bgh\b.*\bauth\b.*\b(?:token|status\b.*--show-token)/,
  },
  {
    id: "macos-keychain",
    label: "the macOS keychain",
    args: /^(?:find-(?:generic|internet)-password|dump-keychain)\b/,
    re: /\bsecurity\b.*\bfind-(?:generic|internet)-password\b|\bsecurity\b.*\bdump-keychain\b/,
  },
  {
    id: "linux-keyring",
    label: "the desktop keyring",
    re: /\bsecret-tool\b.*\blookup\b|\bkwallet-query\b|\bpass\b\s+show\b/,
  },
  {
    id: "windows-vault",
    label: "the Windows credential vault",
    re: /\bcmdkey\b.*\/list|\bvaultcmd\b|Get-StoredCredential/,
  },
  {
    id: "cloud-cli",
    label: "a cloud CLI's token",
    platform: true,
    re: /\baws\b.*\b(?:configure\s+(?:get|export-credentials)|sts\s+get-session-token|ecr\s+get-login-password)|\bgcloud\b.*\bauth\b.*\bprint-(?:access|identity)-token|\baz\b.*\baccount\b.*\bget-access-token|\bnpm\b.*\b(?:token\s+(?:list|create)|config\s+get\b.*(?:_authToken|\/\/))|\bdoctl\b.*\bauth\b|\bheroku\b.*\bauth:token|\bvercel\b.*\btokens?\b|\bop\b\s+(?:read|item\s+get)\b|\bvault\b\s+(?:read|kv\s+get|token\s+lookup)\b|\bkubectl\b.*\bconfig\s+view\b.*--raw/,
  },
  {
    id: "env-dump",
    label: "the whole environment",
    re: /^(?:…\s*)?(?:env|printenv|set|export\s+-p)(?:\s*$|\s*[|>])|\bps\b\s+-?[a-z]*e[a-z]*w|\/proc\/[^\s]*\/environ\b/,
  },
  { id: "history", label: "shell history", re: /\.(?:bash|zsh)_history\b|\bhistory\b\s*$/ },
];

/** Programs whose run changes persistence or publishes: matched like SECRET_PROGRAMS. */
export const PERSISTENCE_PROGRAMS: readonly ProgramRow[] = [
  { id: "crontab", label: "crontab", re: /\bcrontab\b(?!\s+-l\b)/ },
  { id: "launchctl", label: "launchctl", re: /\blaunchctl\b\s+(?:load|bootstrap|submit|enable)/ },
  { id: "systemctl", label: "systemctl", re: /\bsystemctl\b.*\b(?:enable|daemon-reload|link)\b/ },
  { id: "schtasks", label: "schtasks", re: /\bschtasks\b.*\/create|\breg\b\s+add\b.*\\Run\b/i },
  { id: "git-hooks", label: "git hooks path", re: /\bgit\b\s+config\b.*\bcore\.hooksPath\b/ },
  {
    // Settings every later run of git obeys: another ssh program, a credential helper, a second push URL.
    id: "git-config-persist",
    label: "git config that runs or redirects later (sshCommand, credential helper, pushurl, insteadOf)",
    re: /\bgit\b\s+config\b.*\b(?:core\.sshCommand|core\.fsmonitor|credential\.helper|remote\.[\w.…-]+\.pushurl|url\.\S+\.(?:push)?insteadOf)\b/i,
  },
  {
    // npm's user config: code every node process loads, scripts run by another shell, another registry.
    id: "npm-config-persist",
    label: "npm config that loads code or redirects installs (node-options, script-shell, registry)",
    re: /\b(?:npm|pnpm|yarn)\b\s+config\s+set\s+(?:node[-_]options|script[-_]shell|registry|@[\w-]+:registry|init[-_]module|userconfig|globalconfig)\b/i,
  },
];

export const PUBLISH_PROGRAMS: readonly ProgramRow[] = [
  { id: "npm-publish", label: "npm publish", re: /\b(?:npm|pnpm|yarn|bun)\b.*\bpublish\b/ },
  { id: "git-push", label: "git push", re: /\bgit\b.*\bpush\b/ },
  {
    id: "gh-write",
    label: "gh (repository or secret writes)",
    re: /\bgh\b\s+(?:repo\s+create|secret\s+set|workflow|release\s+create|gist\s+create)/,
  },
];

/** Programs that install and run packages at run time: whatever is published next runs. */
export const INSTALL_PROGRAMS: readonly ProgramRow[] = [
  {
    id: "runtime-install",
    label: "installs packages at run time",
    re: /\b(?:npm|pnpm|yarn|bun)\b\s+(?:i|install|add|exec|dlx|x)\b|\bnpx\b|\bbunx\b|\bpip3?\b\s+install\b|\buvx\b/,
  },
];

/** A secret-printing program recognised by its arguments alone (an argv array or table row), or null. */
export function secretArgs(argv: string): ProgramRow | null {
  return SECRET_PROGRAMS.find((r) => r.args?.test(argv)) ?? null;
}

export function programMatch(rows: readonly ProgramRow[], command: string): ProgramRow | null {
  return rows.find((r) => r.re.test(command)) ?? null;
}

// ---------------------------------------------------------------- well-known tool names

/**
 * Tool names of widely installed MCP servers (filesystem, git, GitHub, shell, fetch, browser, memory,
 * database, search). A server that newly offers a tool under one of these names, outside its own
 * domain, can shadow the real one: the model calls it with the arguments meant for the other server.
 */
export const WELL_KNOWN_TOOLS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    filesystem:
      "read_file read_text_file read_media_file read_multiple_files write_file edit_file create_directory list_directory list_directory_with_sizes directory_tree move_file search_files get_file_info list_allowed_directories",
    git: "git_status git_diff git_diff_staged git_diff_unstaged git_commit git_add git_reset git_log git_create_branch git_checkout git_show git_init git_branch git_push",
    github:
      "create_or_update_file push_files create_repository get_file_contents create_issue create_pull_request fork_repository create_branch search_repositories search_code get_me list_issues merge_pull_request",
    shell: "execute_command run_command run_terminal_cmd shell bash exec run_shell_command terminal",
    fetch: "fetch fetch_url web_fetch http_request",
    browser:
      "browser_navigate browser_click browser_type browser_snapshot browser_take_screenshot puppeteer_navigate puppeteer_screenshot puppeteer_evaluate navigate_page evaluate_script",
    memory: "create_entities create_relations add_observations read_graph search_nodes open_nodes",
    database: "query read_query write_query execute_sql list_tables describe_table",
    search: "web_search brave_web_search search tavily_search",
    mail: "send_email send_message",
  }).flatMap(([server, names]) => names.split(" ").map((n) => [n, server] as [string, string])),
);

// ---------------------------------------------------------------- environment that steers other code
/**
 * Environment variables that change what other code runs, trusts or talks to. A package that sets one
 * (`process.env.NODE_OPTIONS = …`, `spawn(cmd, { env: { …, LD_PRELOAD: … } })`) steers every program or
 * request after it without a call of its own: code loaded into each node process, TLS checks turned off,
 * traffic through a proxy, installs from another registry, git running another program.
 */
export const STEERING_ENV: ReadonlyMap<string, { family: Family; label: string; value?: RegExp }> = new Map(
  (
    [
      // Only the flags that load code: `--no-deprecation` or a heap size steer nothing.
      [
        "code",
        "sets code every node process loads",
        "NODE_OPTIONS",
        /(?:^|\s)(?:-r|--require|--import|--loader|--experimental-loader|--inspect(?:-brk)?(?:=\S+)?)(?:[\s=]|$)/,
      ],
      ["code", "sets where every node process looks for modules", "NODE_PATH"],
      [
        "code",
        "preloads a library into every program",
        "LD_PRELOAD LD_LIBRARY_PATH DYLD_INSERT_LIBRARIES DYLD_LIBRARY_PATH",
      ],
      [
        "code",
        "sets code every interpreter runs first",
        "PYTHONSTARTUP PYTHONPATH PERL5OPT RUBYOPT BASH_ENV ENV PROMPT_COMMAND",
      ],
      ["network", "turns off TLS certificate checks", "NODE_TLS_REJECT_UNAUTHORIZED", /^0$/],
      ["network", "trusts another certificate authority", "NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR"],
      [
        "network",
        "routes requests through a proxy",
        "HTTPS_PROXY HTTP_PROXY ALL_PROXY https_proxy http_proxy all_proxy GLOBAL_AGENT_HTTP_PROXY",
      ],
      [
        "exec",
        "points package installs at another registry",
        "npm_config_registry NPM_CONFIG_REGISTRY YARN_NPM_REGISTRY_SERVER YARN_REGISTRY PIP_INDEX_URL",
      ],
      [
        "exec",
        "makes git or ssh run another program",
        "GIT_SSH_COMMAND GIT_SSH GIT_ASKPASS SSH_ASKPASS GIT_EXEC_PATH GIT_CONFIG_GLOBAL GIT_TEMPLATE_DIR",
      ],
    ] as [Family, string, string, RegExp?][]
  ).flatMap(([family, label, names, value]) =>
    names
      .split(" ")
      .map(
        (n) =>
          [n, { family, label, ...(value ? { value } : {}) }] as [
            string,
            { family: Family; label: string; value?: RegExp },
          ],
      ),
  ),
);

/** Members too common across objects to name a module by themselves. */
export const GENERIC_MEMBERS: ReadonlySet<string> = new Set([
  "request",
  "connect",
  "default",
  "Socket",
  "Server",
  "promises",
  "remove",
  "resolve",
  "lookup",
  "reverse",
]);

/** Bundler wrappers around `require(…)`: their result is the module; `promisify(fn)` is `fn`, awaited. */
export const INTEROP =
  /(?:^|\.)(?:__toESM|__importDefault|__importStar|_interopRequireDefault|_interopRequireWildcard|__toCommonJS|_interop_require_default|_interop_require_wildcard|interopDefault|promisify)$/;

/** Calls that return a module by its name. */
export const LOADERS: ReadonlySet<string> = new Set([
  "require",
  "module.require",
  "process.mainModule.require",
  "process.getBuiltinModule",
  "globalThis.process.getBuiltinModule",
]);

/** A require of a file by path outside the package reads that file (JSON credentials, say). */
export const REQUIRE_READ: Row = {
  id: "global:require(path)",
  family: "read",
  label: "loads a file outside the package with require",
  via: { kind: "global", name: "require" },
  target: { arg: 0, kind: "path" },
};
export function isOutside(spec: string): boolean {
  return /^(?:~|\/|[A-Za-z]:[\\/])/.test(spec) || /(?:^|\/)\.\.?(?:\/\.\.)*\/\.[^/.]/.test(spec);
}
