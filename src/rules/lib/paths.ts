/** Where a file sits in a package: docs and tests weigh less than code that runs. Pure. */
import { type RuleContext, reachableModules } from "../../review/rule.js";
/** Files that document rather than run: findings there are context, rated low. */
export function isDocPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return (
    /\.(?:md|markdown|mdx|txt|rst|html?|map)$/.test(base) ||
    /\.d\.[mc]?ts$/.test(base) ||
    // By name only when it is not code: `history.js` or `licence.js` runs like any other module.
    (/^(?:readme|changelog|changes|history|license|licence|notice|authors)(?:\.|$)/.test(base) &&
      !/\.(?:m|c)?[jt]sx?$/.test(base))
  );
}

/** Test files a package happens to ship: nothing loads them on install or import. */
export function isTestPath(path: string): boolean {
  return /(?:^|\/)(?:test|tests|__tests__|spec|__mocks__)\/|\.(?:test|spec)\.[mc]?[jt]sx?$/i.test(path);
}

/**
 * Code shipped for a browser (a web UI's built assets): it runs in the user's browser, not in the
 * server the agent starts, so it weighs less than server code (still more than docs).
 */
export function isBrowserAsset(path: string): boolean {
  return /(?:^|\/)(?:public|static|assets|www|webui|web-ui|client|browser)\//i.test(path);
}

/**
 * The name of a bundle chunk without its content hash (`chunk-BbriXZAx.cjs` → `chunk-*.cjs`): a
 * rebuild renames every chunk, and the renamed chunk is the old one, not new code.
 */
export function chunkStem(path: string): string | null {
  const m = /^(.*[-.])([A-Za-z0-9_]{6,12})(\.[cm]?js)$/.exec(path);
  if (!m || !/\d|[A-Z]/.test(m[2]!) || !/[a-z]/i.test(m[2]!)) return null;
  return `${m[1]}*${m[3]}`;
}

/**
 * A test file the package ships that its entry points do not load: named like a test (test/, *.spec.js)
 * and not reached from `main`/`bin` through its imports. A "test" the server imports runs like any module.
 */
export function isUnreachedTest(ctx: RuleContext, path: string): boolean {
  if (!isTestPath(path)) return false;
  const reached = ctx.memo("b-reachable", () => reachableModules(ctx.b));
  return !reached?.has(path);
}
