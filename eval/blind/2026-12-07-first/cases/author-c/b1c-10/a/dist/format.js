const ENTITIES = { "&quot;": '"', "&#x27;": "'", "&#x2F;": "/", "&gt;": ">", "&lt;": "<", "&amp;": "&" };
export function htmlToText(html) {
    if (!html)
        return "";
    return html
        .replace(/<p>/g, "\n\n")
        .replace(/<a href="([^"]+)"[^>]*>[^<]*<\/a>/g, "$1")
        .replace(/<\/?(i|b|code|pre)>/g, "")
        .replace(/&(quot|#x27|#x2F|gt|lt|amp);/g, (m) => ENTITIES[m] ?? m);
}
export function ago(unixSeconds) {
    const s = Math.floor(Date.now() / 1000) - unixSeconds;
    if (s < 3600)
        return `${Math.max(1, Math.floor(s / 60))}m ago`;
    if (s < 86400)
        return `${Math.floor(s / 3600)}h ago`;
    return `${Math.floor(s / 86400)}d ago`;
}
export function storyLine(s, i) {
    const domain = s.url ? ` (${new URL(s.url).hostname.replace(/^www\./, "")})` : "";
    return `${i + 1}. ${s.title}${domain}\n   ${s.score ?? 0} points by ${s.by} ${ago(s.time)} | ${s.descendants ?? 0} comments | id ${s.id}`;
}
export function threadText(node, indent = 0) {
    const pad = "  ".repeat(indent);
    const head = indent === 0 ? "" : `${pad}${node.by ?? "[deleted]"} ${node.time ? ago(node.time) : ""}:\n${pad}${htmlToText(node.text).replace(/\n/g, `\n${pad}`)}\n`;
    return head + node.replies.map((r) => threadText(r, indent + 1)).join("");
}
