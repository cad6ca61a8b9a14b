/**
 * Loaded before every test file (`node --import ./test/setup.ts`): no test reaches the network but
 * loopback (Verdaccio, the GitHub stand-in), and every GitHub mock a test sets up must be used.
 */
import assert from "node:assert/strict";
import { afterEach } from "node:test";
import { fileURLToPath } from "node:url";
import nock from "nock";

// nock intercepts every request of the process once loaded: off until a test file that mocks GitHub
// turns it on (test/helpers/probot.ts), so registry clients in other files talk to Verdaccio untouched.
nock.restore();
nock.disableNetConnect();
nock.enableNetConnect(/127\.0\.0\.1|localhost/);

// Malware intelligence from the bundled OSV records (fixtures/intel): the public API is not asked.
process.env.MCP_GUARD_OSV_DIR ??= fileURLToPath(
  new URL("../fixtures/intel/osv/malicious/npm", import.meta.url),
);

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  assert.deepEqual(pending, [], "every mocked GitHub call was made");
});
