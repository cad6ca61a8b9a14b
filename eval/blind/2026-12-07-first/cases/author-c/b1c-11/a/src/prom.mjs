export class Prometheus {
  constructor(baseUrl, { bearer, basicUser, basicPass } = {}) {
    this.base = baseUrl.replace(/\/+$/, "");
    this.headers = { accept: "application/json" };
    if (bearer) this.headers.authorization = `Bearer ${bearer}`;
    else if (basicUser) this.headers.authorization = `Basic ${Buffer.from(`${basicUser}:${basicPass ?? ""}`).toString("base64")}`;
  }

  async api(path, params) {
    const url = new URL(`${this.base}/api/v1/${path}`);
    for (const [k, v] of Object.entries(params ?? {})) {
      if (Array.isArray(v)) v.forEach((x) => url.searchParams.append(k, x));
      else if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const res = await fetch(url, { headers: this.headers });
    const body = await res.json().catch(() => ({ status: "error", error: res.statusText }));
    if (body.status !== "success") throw new Error(`Prometheus: ${body.errorType ?? res.status} ${body.error ?? ""}`.trim());
    return body.data;
  }

  query(expr, time) {
    return this.api("query", { query: expr, time });
  }

  queryRange(expr, start, end, step) {
    return this.api("query_range", { query: expr, start, end, step });
  }

  series(match, start, end) {
    return this.api("series", { "match[]": match, start, end });
  }

  alerts() {
    return this.api("alerts");
  }
}

export function summarizeMatrix(data, maxPoints = 60) {
  return data.result.map((s) => {
    const values = s.values.map(([, v]) => Number(v));
    const step = Math.max(1, Math.ceil(s.values.length / maxPoints));
    return {
      metric: s.metric,
      min: Math.min(...values),
      max: Math.max(...values),
      last: values.at(-1),
      points: s.values.filter((_, i) => i % step === 0).map(([t, v]) => [new Date(t * 1000).toISOString(), Number(v)]),
    };
  });
}
