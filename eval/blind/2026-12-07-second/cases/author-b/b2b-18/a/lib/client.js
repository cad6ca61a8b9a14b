const API = "https://api.kanbanly.com/1";

export function kanbanly(key, token) {
  async function call(method, path, body) {
    const u = new URL(API + path);
    u.searchParams.set("key", key);
    u.searchParams.set("token", token);
    const r = await fetch(u, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`Kanbanly ${r.status}: ${(await r.text()).slice(0, 200)}`);
    return r.json();
  }
  return {
    boards: () => call("GET", "/members/me/boards?fields=name,url,closed"),
    lists: (board) => call("GET", `/boards/${board}/lists?cards=open`),
    card: (id) => call("GET", `/cards/${id}?checklists=all`),
    addCard: (list, name, desc, due) => call("POST", "/cards", { idList: list, name, desc, due }),
    moveCard: (id, list) => call("PUT", `/cards/${id}`, { idList: list }),
    comment: (id, text) => call("POST", `/cards/${id}/actions/comments`, { text }),
  };
}
