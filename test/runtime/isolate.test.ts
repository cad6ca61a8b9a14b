import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { childEnv } from "../../src/runtime/isolate.js";

describe("the analysis process's environment", () => {
  it("keeps what reaches the registry and drops the app's secrets", () => {
    const env = childEnv({
      PATH: "/bin",
      HTTPS_PROXY: "http://proxy:3128",
      NODE_EXTRA_CA_CERTS: "ca.pem",
      npm_config_cache: "cache",
      PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----",
      WEBHOOK_SECRET: "s",
      GITHUB_TOKEN: "t",
      APP_ID: "1",
    });
    assert.deepEqual(Object.keys(env).sort(), [
      "HTTPS_PROXY",
      "NODE_EXTRA_CA_CERTS",
      "PATH",
      "npm_config_cache",
    ]);
  });
});
