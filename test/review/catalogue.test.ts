import assert from "node:assert/strict";
import { builtinModules } from "node:module";
import { describe, it } from "node:test";
import {
  CATALOGUE,
  CATALOGUE_MODULES,
  type Family,
  isRecipientKey,
  moduleName,
  NO_CAPABILITY,
  normalizePath,
  PATH_CLASSES,
  PERSISTENCE_PROGRAMS,
  type ProgramRow,
  PUBLISH_PROGRAMS,
  pathClassOf,
  programMatch,
  SECRET_PROGRAMS,
  WELL_KNOWN_TOOLS,
} from "../../src/review/facts/catalogue.js";

describe("capability catalogue: exhaustive over Node's builtins", () => {
  it("every builtin module is in the catalogue or explicitly has no capability", () => {
    const none = new Set(NO_CAPABILITY);
    const missing = builtinModules
      .map((m) => moduleName(m))
      .filter((m) => !CATALOGUE_MODULES.has(m) && !none.has(m.replace(/^node:/, "")));
    assert.deepEqual(
      missing,
      [],
      `classify these builtins in src/review/facts/catalogue.ts: ${missing.join(", ")}`,
    );
  });

  it("no builtin is both catalogued and listed as harmless", () => {
    const both = NO_CAPABILITY.filter((m) => CATALOGUE_MODULES.has(m));
    assert.deepEqual(both, []);
  });

  it("the modules that send, run, write or load are catalogued with those families", () => {
    const familiesOf = (m: string) =>
      new Set(CATALOGUE.filter((r) => "module" in r.via && r.via.module === m).map((r) => r.family));
    const expect: [string, Family][] = [
      ["http2", "network"],
      ["tls", "network"],
      ["dgram", "network"],
      ["dns", "network"],
      ["child_process", "exec"],
      ["worker_threads", "code"],
      ["module", "code"],
      ["vm", "code"],
      ["fs", "write"],
      ["fs", "delete"],
      ["fs/promises", "read"],
      ["zlib", "decode"],
      ["inspector", "listen"],
    ];
    for (const [m, f] of expect) assert.ok(familiesOf(m).has(f), `${m} has family ${f}`);
  });

  it("ids are unique and every row says how it is reached", () => {
    const ids = CATALOGUE.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, "duplicate ids");
    for (const r of CATALOGUE) assert.ok(r.label.length > 0 && r.via.kind.length > 0, r.id);
  });

  it("covers the Web globals and the SDKs MCP servers use", () => {
    const ids = new Set(CATALOGUE.map((r) => r.id));
    for (const id of [
      "global:fetch",
      "global:WebSocket",
      "global:EventSource",
      "global:navigator.sendBeacon",
      "global:Worker",
      "undici.request",
      "ws.default",
      "nodemailer#createTransport.sendMail",
      "@aws-sdk/client-ses.SendEmailCommand",
      "@sendgrid/mail.send",
      "resend#new Resend.emails.send",
      "postmark#new ServerClient.sendEmail",
      "mailgun.js#client.messages.create",
      "@slack/web-api#new WebClient.chat.postMessage",
      "@modelcontextprotocol/sdk/server/mcp.js#new McpServer.registerTool",
    ])
      assert.ok(ids.has(id), id);
  });
});

describe("recipient keys", () => {
  it("names every mail API's recipient fields, in any case or separator", () => {
    for (const k of [
      "bcc",
      "Bcc",
      "BccAddresses",
      "envelope",
      "reply_to",
      "h:Bcc",
      "forward-to",
      "Destination",
    ])
      assert.ok(isRecipientKey(k), k);
  });
  it("does not name ordinary fields", () => {
    for (const k of ["subject", "body", "from", "html", "text", "headers", "total"])
      assert.ok(!isRecipientKey(k), k);
  });
});

describe("path classes: each matches its locations and not its look-alikes", () => {
  const flagged: Record<string, string[]> = {
    ssh: ["~/.ssh/id_rsa", "…/.ssh/", "~/.ssh"],
    npmrc: ["~/.npmrc", "…/.yarnrc.yml"],
    aws: ["~/.aws/credentials", "C:\\Users\\x\\.aws\\config"],
    gcloud: ["~/.config/gcloud/credentials.db", "…/application_default_credentials.json"],
    azure: ["~/.azure/accessTokens.json"],
    kube: ["~/.kube/config"],
    docker: ["~/.docker/config.json"],
    git: ["~/.git-credentials", "~/.netrc", "~/.config/gh/hosts.yml"],
    gpg: ["~/.gnupg/private-keys-v1.d", "~/.password-store/"],
    tokens: ["~/.pypirc", "~/.cargo/credentials.toml", "~/.vault-token", "~/.pgpass"],
    keychain: ["~/Library/Keychains/login.keychain-db", "/etc/shadow"],
    browser: [
      "~/Library/Application Support/Google/Chrome/Default/Login Data",
      "…/User Data/Default/Cookies",
    ],
    wallet: [
      "~/.electrum/wallets",
      "~/Library/Application Support/Exodus/exodus.wallet",
      "~/.config/solana/id.json",
    ],
    dotenv: [".env", "…/.env.production"],
    "agent-config": [
      "~/Library/Application Support/Claude/claude_desktop_config.json",
      "~/.cursor/mcp.json",
      "…/.vscode/mcp.json",
      "~/.claude/settings.json",
      "~/.codex/config.toml",
      "…/AGENTS.md",
    ],
    "shell-rc": ["~/.bashrc", "~/.zshrc", "~/.config/fish/config.fish", "~/.profile"],
    scheduler: [
      "/var/spool/cron/crontabs/root",
      "~/Library/LaunchAgents/com.x.plist",
      "~/.config/autostart/x.desktop",
      "~/.config/systemd/user/x.service",
    ],
    "git-hooks": [".git/hooks/pre-commit", "…/.git/hooks/post-checkout", ".husky/pre-push"],
    "editor-tasks": [".vscode/tasks.json"],
    "ssh-authorized": ["~/.ssh/authorized_keys"],
    root: ["/", "~", "~/", "C:\\", "~/.cache/app/../..", "~/.cache/../..", "/var/cache/../..", "~/./"],
    "process-env": ["/proc/…/environ", "/proc/self/environ"],
    "git-config": ["remote.origin.pushurl", "url.https://x.example/.insteadOf", "core.sshCommand"],
    "home-rc": ["~/.…rc"],
    "ci-workflow": [".github/workflows/cache.yml", "…/.github/workflows/ci.yaml", "…/.gitlab-ci.yml"],
  };
  const benign = [
    "~/.config/my-mcp/settings.json",
    "./cache/data.json",
    "…/dist/index.js",
    "~/.cache/my-mcp",
    "/var/log/report.txt",
    "…/.ssh/known_hosts",
    "docs/environment.md",
    "~/Documents/notes.md",
    "src/envelope.ts",
    "…/.github/workflows/",
    "docs/workflows/ci.yml",
    "~/.cache/app/..",
    "…/../..",
    "~/…",
    "/…",
  ];
  it("every path class has a flagged case", () => {
    for (const row of PATH_CLASSES) assert.ok(flagged[row.id]?.length, `flagged cases for ${row.id}`);
  });
  for (const [id, paths] of Object.entries(flagged))
    it(`${id}: flagged`, () => {
      for (const p of paths) assert.equal(pathClassOf(p)?.id, id, p);
    });
  it("benign look-alikes are in no class", () => {
    for (const p of benign) assert.equal(pathClassOf(p), null, p);
  });
  it("resolves `..` against fixed segments, as path.resolve does, and stops at a computed one", () => {
    assert.equal(normalizePath("~/.cache/app/../../.ssh/id_rsa"), "~/.ssh/id_rsa");
    assert.equal(normalizePath("/a/b/../../.."), "/");
    assert.equal(normalizePath("…/../x"), "…/../x");
    assert.equal(normalizePath("~/../.."), "~/../..");
    assert.equal(pathClassOf("~/.cache/app/../../.ssh/id_rsa")?.id, "ssh");
  });
});

describe("programs that print secrets, persist or publish", () => {
  it("matches resolved command lines", () => {
    const cases: [readonly ProgramRow[], string, string][] = [
      [SECRET_PROGRAMS, "git credential fill", "git-credential"],
      [SECRET_PROGRAMS, "gh auth token", "gh-token"],
      [SECRET_PROGRAMS, "security find-generic-password -s … -w", "macos-keychain"],
      [SECRET_PROGRAMS, "gcloud auth print-access-token", "cloud-cli"],
      [SECRET_PROGRAMS, "aws configure export-credentials", "cloud-cli"],
      [SECRET_PROGRAMS, "printenv", "env-dump"],
      [SECRET_PROGRAMS, "ps eww …", "env-dump"],
      [PERSISTENCE_PROGRAMS, "(crontab -l; echo '* * * * * …') | crontab -", "crontab"],
      [PERSISTENCE_PROGRAMS, "launchctl load ~/Library/LaunchAgents/x.plist", "launchctl"],
      [PUBLISH_PROGRAMS, "npm publish --access public", "npm-publish"],
      [PERSISTENCE_PROGRAMS, "npm config set node-options --require=… --location=user", "npm-config-persist"],
      [PERSISTENCE_PROGRAMS, "npm config set registry https://npm.mirror.example/", "npm-config-persist"],
      [PERSISTENCE_PROGRAMS, "git config --global core.sshCommand 'ssh -i …'", "git-config-persist"],
      [PERSISTENCE_PROGRAMS, "git config remote.origin.pushurl https://…", "git-config-persist"],
    ];
    for (const [table, cmd, id] of cases) assert.equal(programMatch(table, cmd)?.id, id, cmd);
  });
  it("leaves ordinary commands alone", () => {
    for (const cmd of [
      "git status --porcelain",
      "git log -n 5",
      "gh pr list",
      "npm view x version",
      "crontab -l",
      "ls -la …",
      "npm config get registry",
      "npm config set fund false",
      "git config user.name …",
      "git config --get remote.origin.url",
    ]) {
      assert.equal(programMatch(SECRET_PROGRAMS, cmd), null, cmd);
      assert.equal(programMatch(PERSISTENCE_PROGRAMS, cmd), null, cmd);
      assert.equal(programMatch(PUBLISH_PROGRAMS, cmd), null, cmd);
    }
  });
});

describe("well-known tool names", () => {
  it("names the reference servers' tools", () => {
    for (const t of [
      "read_file",
      "write_file",
      "git_commit",
      "execute_command",
      "browser_navigate",
      "create_issue",
    ])
      assert.ok(WELL_KNOWN_TOOLS.has(t), t);
    assert.ok(!WELL_KNOWN_TOOLS.has("get_weather"));
  });
});
