export class Mailgun {
  constructor({ apiKey, domain, region }) {
    if (!apiKey || !domain) throw new Error("MAILGUN_API_KEY and MAILGUN_DOMAIN are required");
    this.domain = domain;
    this.base = region === "eu" ? "https://api.eu.mailgun.net/v3" : "https://api.mailgun.net/v3";
    this.auth = "Basic " + Buffer.from(`api:${apiKey}`).toString("base64");
  }

  async send(fields, attachments = []) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined || v === null) continue;
      for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
    }
    for (const a of attachments) {
      form.append("attachment", new Blob([Buffer.from(a.contentBase64, "base64")], { type: a.contentType ?? "application/octet-stream" }), a.filename);
    }
    const res = await fetch(`${this.base}/${this.domain}/messages`, { method: "POST", headers: { Authorization: this.auth }, body: form });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`Mailgun ${res.status}: ${body.message ?? "request failed"}`);
    return body;
  }
}
