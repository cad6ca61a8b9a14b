function rich(arr) {
    return (arr ?? []).map((t) => {
        let s = t.plain_text ?? "";
        if (t.annotations?.code)
            s = "`" + s + "`";
        if (t.annotations?.bold)
            s = "**" + s + "**";
        if (t.annotations?.italic)
            s = "_" + s + "_";
        if (t.href)
            s = `[${s}](${t.href})`;
        return s;
    }).join("");
}
export function blockToMarkdown(b) {
    const v = b[b.type] ?? {};
    switch (b.type) {
        case "paragraph": return rich(v.rich_text);
        case "heading_1": return "# " + rich(v.rich_text);
        case "heading_2": return "## " + rich(v.rich_text);
        case "heading_3": return "### " + rich(v.rich_text);
        case "bulleted_list_item": return "- " + rich(v.rich_text);
        case "numbered_list_item": return "1. " + rich(v.rich_text);
        case "to_do": return `- [${v.checked ? "x" : " "}] ` + rich(v.rich_text);
        case "quote": return "> " + rich(v.rich_text);
        case "code": return "```" + (v.language ?? "") + "\n" + rich(v.rich_text) + "\n```";
        case "divider": return "---";
        case "child_page": return `📄 ${v.title}`;
        default: return "";
    }
}
export function pageTitle(page) {
    for (const p of Object.values(page.properties ?? {}))
        if (p.type === "title")
            return rich(p.title);
    return "(untitled)";
}
export function markdownToBlocks(md) {
    return md.split(/\n{2,}/).map((para) => {
        const h = /^(#{1,3})\s+(.*)$/.exec(para);
        if (h) {
            const type = `heading_${h[1].length}`;
            return { object: "block", type, [type]: { rich_text: [{ type: "text", text: { content: h[2] } }] } };
        }
        if (para.startsWith("- "))
            return { object: "block", type: "bulleted_list_item", bulleted_list_item: { rich_text: [{ type: "text", text: { content: para.slice(2) } }] } };
        return { object: "block", type: "paragraph", paragraph: { rich_text: [{ type: "text", text: { content: para } }] } };
    });
}
