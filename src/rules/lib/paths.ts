/** Where a file sits in a package: docs and tests weigh less than code that runs. Pure. */
/** Files that document rather than run: findings there are context, rated low. */
export function isDocPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return (
    /\.(?:md|markdown|mdx|txt|rst|html?|map)$/.test(base) ||
    /\.d\.[mc]?ts$/.test(base) ||
    /^(?:readme|changelog|changes|history|license|licence|notice|authors)(?:\.|$)/.test(base)
  );
}

/** Test files a package happens to ship: nothing loads them on install or import. */
export function isTestPath(path: string): boolean {
  return /(?:^|\/)(?:test|tests|__tests__|spec|__mocks__)\/|\.(?:test|spec)\.[mc]?[jt]sx?$/i.test(path);
}
