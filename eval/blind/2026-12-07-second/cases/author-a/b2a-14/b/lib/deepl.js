"use strict";

function baseUrl(key) {
  return key.endsWith(":fx") ? "https://api-free.deepl.com/v2" : "https://api.deepl.com/v2";
}

async function call(path, body) {
  const key = process.env.DEEPL_API_KEY;
  if (!key) throw new Error("DEEPL_API_KEY is not set");
  const res = await fetch(baseUrl(key) + path, {
    method: body ? "POST" : "GET",
    headers: { Authorization: `DeepL-Auth-Key ${key}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`DeepL ${res.status}: ${await res.text()}`);
  return res.json();
}

async function translate(text, target, source, glossaryId, formality) {
  const data = await call("/translate", {
    text: [text],
    target_lang: target,
    source_lang: source,
    glossary_id: glossaryId,
    formality,
  });
  return data.translations[0];
}

async function listGlossaries() {
  const data = await call("/glossaries");
  return data.glossaries;
}

module.exports = { translate, listGlossaries };
