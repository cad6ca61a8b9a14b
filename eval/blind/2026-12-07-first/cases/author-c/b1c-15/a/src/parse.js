// Minimal RSS 2.0 / Atom parsing with regular expressions.
function tag(xml, name) {
  const m = new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`, "i").exec(xml);
  return m ? decode(m[1].trim()) : undefined;
}

function decode(s) {
  return s
    .replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function stripHtml(s) {
  return (s || "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

export function parseFeed(xml) {
  const isAtom = /<feed[\s>]/i.test(xml);
  const itemTag = isAtom ? "entry" : "item";
  const items = [];
  const re = new RegExp(`<${itemTag}[\\s>][\\s\\S]*?</${itemTag}>`, "gi");
  for (const m of xml.matchAll(re)) {
    const block = m[0];
    const atomLink = /<link[^>]*href="([^"]+)"/i.exec(block);
    items.push({
      title: tag(block, "title") ?? "(untitled)",
      link: isAtom ? atomLink?.[1] : tag(block, "link"),
      published: tag(block, isAtom ? "updated" : "pubDate") ?? tag(block, "published"),
      summary: stripHtml(tag(block, isAtom ? "summary" : "description") ?? tag(block, "content")).slice(0, 500),
    });
  }
  return { title: tag(xml, "title") ?? "(untitled feed)", items };
}
