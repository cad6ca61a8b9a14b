import { Client } from "@notionhq/client";
export const notion = new Client({ auth: process.env.NOTION_TOKEN });
function richText(rt = []) {
    return rt.map((t) => t.plain_text).join("");
}
export function pageTitle(page) {
    const props = page.properties ?? {};
    for (const p of Object.values(props)) {
        if (p.type === "title")
            return richText(p.title);
    }
    return page.title ? richText(page.title) : "(untitled)";
}
function blockToMarkdown(b) {
    const v = b[b.type] ?? {};
    const txt = richText(v.rich_text);
    switch (b.type) {
        case "heading_1": return `# ${txt}`;
        case "heading_2": return `## ${txt}`;
        case "heading_3": return `### ${txt}`;
        case "bulleted_list_item": return `- ${txt}`;
        case "numbered_list_item": return `1. ${txt}`;
        case "to_do": return `- [${v.checked ? "x" : " "}] ${txt}`;
        case "quote": return `> ${txt}`;
        case "code": return "```" + (v.language ?? "") + "\n" + txt + "\n```";
        case "divider": return "---";
        case "child_page": return `[[${v.title}]]`;
        default: return txt;
    }
}
export async function pageToMarkdown(pageId) {
    const lines = [];
    let cursor;
    do {
        const res = await notion.blocks.children.list({ block_id: pageId, start_cursor: cursor, page_size: 100 });
        for (const b of res.results)
            lines.push(blockToMarkdown(b));
        cursor = res.has_more ? res.next_cursor ?? undefined : undefined;
    } while (cursor);
    return lines.join("\n");
}
export async function search(query, limit = 20) {
    const res = await notion.search({ query, page_size: limit });
    return res.results.map((r) => ({ id: r.id, title: pageTitle(r), url: r.url, object: r.object }));
}
function propToString(p) {
    switch (p.type) {
        case "title": return richText(p.title);
        case "rich_text": return richText(p.rich_text);
        case "number": return String(p.number ?? "");
        case "select": return p.select?.name ?? "";
        case "multi_select": return p.multi_select.map((s) => s.name).join(", ");
        case "date": return p.date?.start ?? "";
        case "checkbox": return p.checkbox ? "yes" : "no";
        case "status": return p.status?.name ?? "";
        case "people": return p.people.map((x) => x.name ?? x.id).join(", ");
        case "url": return p.url ?? "";
        default: return "";
    }
}
export async function queryDatabase(databaseId, limit = 50) {
    const res = await notion.databases.query({ database_id: databaseId, page_size: limit });
    return res.results.map((row) => Object.fromEntries(Object.entries(row.properties).map(([k, p]) => [k, propToString(p)])));
}
