const FIREBASE = "https://hacker-news.firebaseio.com/v0";
const ALGOLIA = "https://hn.algolia.com/api/v1";
async function get(url) {
    const res = await fetch(url);
    if (!res.ok)
        throw new Error(`HN API ${res.status} for ${url}`);
    return res.json();
}
export async function item(id) {
    return get(`${FIREBASE}/item/${id}.json`);
}
export async function storyIds(kind) {
    return get(`${FIREBASE}/${kind}stories.json`);
}
export async function stories(kind, count) {
    const ids = (await storyIds(kind)).slice(0, count);
    const items = await Promise.all(ids.map((id) => item(id)));
    return items.filter((i) => i && !i.deleted && !i.dead);
}
export async function comments(id, depth, maxPerLevel) {
    const root = await item(id);
    if (!root)
        throw new Error(`Item ${id} not found`);
    async function expand(node, level) {
        const kids = level < depth ? (node.kids ?? []).slice(0, maxPerLevel) : [];
        const children = await Promise.all(kids.map((k) => item(k)));
        return {
            id: node.id,
            by: node.by,
            time: node.time,
            text: node.text,
            replies: await Promise.all(children.filter((c) => c && !c.deleted && !c.dead).map((c) => expand(c, level + 1))),
        };
    }
    return { story: root, thread: await expand(root, 0) };
}
export async function search(query, sort, hits) {
    const endpoint = sort === "date" ? "search_by_date" : "search";
    const params = new URLSearchParams({ query, tags: "story", hitsPerPage: String(hits) });
    const res = await get(`${ALGOLIA}/${endpoint}?${params}`);
    return res.hits;
}
