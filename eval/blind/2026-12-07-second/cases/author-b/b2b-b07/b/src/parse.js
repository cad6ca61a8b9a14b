import { XMLParser } from "fast-xml-parser";

// 1.5: switched from regex scraping to fast-xml-parser. Handles namespaces,
// CDATA, entities and multiple <link> elements (Atom rel="alternate") properly.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

const text = (v) => (v == null ? "" : typeof v === "object" ? String(v["#text"] ?? "") : String(v));
const strip = (html) => text(html).replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();

function atomLink(links = []) {
  const alt = links.find((l) => !l["@rel"] || l["@rel"] === "alternate");
  return (alt ?? links[0])?.["@href"] ?? "";
}

export function parseFeed(xml) {
  const doc = parser.parse(xml);
  if (doc.feed) {
    const f = doc.feed;
    return {
      title: strip(f.title),
      items: (f.entry ?? []).map((e) => ({
        title: strip(e.title),
        link: atomLink(e.link),
        date: text(e.updated ?? e.published),
        summary: strip(e.summary ?? e.content).slice(0, 500),
      })),
    };
  }
  const ch = doc.rss?.channel ?? doc.RDF?.channel ?? {};
  const items = ch.item ?? doc.RDF?.item ?? [];
  return {
    title: strip(ch.title),
    items: items.map((i) => ({
      title: strip(i.title),
      link: text(Array.isArray(i.link) ? i.link[0] : i.link),
      date: text(i.pubDate ?? i.date),
      summary: strip(i.description).slice(0, 500),
    })),
  };
}
