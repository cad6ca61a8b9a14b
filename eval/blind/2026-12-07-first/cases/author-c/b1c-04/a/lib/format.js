import semver from "semver";

export function summarize(doc) {
  const latest = doc["dist-tags"]?.latest;
  const v = latest ? doc.versions?.[latest] : undefined;
  return {
    name: doc.name,
    description: doc.description ?? "",
    latest,
    license: v?.license ?? doc.license ?? null,
    homepage: v?.homepage ?? doc.homepage ?? null,
    repository: typeof v?.repository === "string" ? v.repository : v?.repository?.url ?? null,
    maintainers: (doc.maintainers ?? []).map((m) => m.name),
    dependencies: Object.keys(v?.dependencies ?? {}).length,
    published: latest ? doc.time?.[latest] : null,
    deprecated: v?.deprecated ?? null,
  };
}

export function versionList(doc, range) {
  const all = Object.keys(doc.versions ?? {}).filter((x) => semver.valid(x));
  const picked = range ? all.filter((x) => semver.satisfies(x, range, { includePrerelease: false })) : all;
  return picked
    .sort(semver.rcompare)
    .map((version) => ({ version, published: doc.time?.[version] ?? null, deprecated: doc.versions[version]?.deprecated ?? null }));
}

export function formatCount(n) {
  return n.toLocaleString("en-US");
}
