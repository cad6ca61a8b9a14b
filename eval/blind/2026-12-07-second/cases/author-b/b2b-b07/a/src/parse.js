function tag(xml, name) {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "i").exec(xml);
  if (!m) return "";
  return m[1].replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, "$1").trim();
}

function attr(xml, name, a) {
  const m = new RegExp(`<${name}[^>]*\\s${a}="([^"]*)"`, "i").exec(xml);
  return m ? m[1] : "";
}

const strip = (html) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();

export function parseFeed(xml) {
  const isAtom = /<feed[\s>]/i.test(xml);
  const blocks = xml.split(isAtom ? /<entry[\s>]/i : /<item[\s>]/i).slice(1);
  const items = blocks.map((b) => ({
    title: strip(tag(b, "title")),
    link: isAtom ? attr(b, "link", "href") : tag(b, "link"),
    date: tag(b, isAtom ? "updated" : "pubDate"),
    summary: strip(tag(b, isAtom ? "summary" : "description")).slice(0, 500),
  }));
  return { title: strip(tag(xml, "title")), items };
}
