import { XMLParser } from "fast-xml-parser";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ["item", "entry", "link", "outline"].includes(name),
});

const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function textOf(v) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string" || typeof v === "number") return String(v).trim();
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === "object") return textOf(v["#text"]);
  return undefined;
}

function stripHtml(s) {
  return (s || "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

function atomLink(links) {
  const list = asArray(links);
  const alt = list.find((l) => !l["@_rel"] || l["@_rel"] === "alternate") ?? list[0];
  return alt?.["@_href"];
}

export function parseFeed(xml) {
  const doc = parser.parse(xml);
  if (doc.feed) {
    const f = doc.feed;
    return {
      title: textOf(f.title) ?? "(untitled feed)",
      items: asArray(f.entry).map((e) => ({
        title: textOf(e.title) ?? "(untitled)",
        link: atomLink(e.link),
        published: textOf(e.published) ?? textOf(e.updated),
        summary: stripHtml(textOf(e.summary) ?? textOf(e.content)).slice(0, 500),
      })),
    };
  }
  const channel = doc.rss?.channel ?? doc["rdf:RDF"]?.channel;
  const rawItems = doc.rss?.channel?.item ?? doc["rdf:RDF"]?.item;
  if (!channel && !rawItems) throw new Error("Not an RSS or Atom document");
  return {
    title: textOf(channel?.title) ?? "(untitled feed)",
    items: asArray(rawItems).map((i) => ({
      title: textOf(i.title) ?? "(untitled)",
      link: textOf(asArray(i.link)[0]) ?? textOf(i.guid),
      published: textOf(i.pubDate) ?? textOf(i["dc:date"]),
      summary: stripHtml(textOf(i.description) ?? textOf(i["content:encoded"])).slice(0, 500),
    })),
  };
}

/** Feed URLs from an OPML subscription list (nested outlines are flattened). */
export function parseOpml(xml) {
  const doc = parser.parse(xml);
  const urls = [];
  const walk = (outlines) => {
    for (const o of asArray(outlines)) {
      if (o["@_xmlUrl"]) urls.push(o["@_xmlUrl"]);
      if (o.outline) walk(o.outline);
    }
  };
  walk(doc.opml?.body?.outline);
  return urls;
}
