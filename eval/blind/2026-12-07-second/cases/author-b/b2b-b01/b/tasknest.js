const API = "https://api.tasknest.app/rest/v2";

export function tasknest(token) {
  const call = async (method, path, body) => {
    const r = await fetch(API + path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`TaskNest ${r.status}`);
    return r.status === 204 ? null : r.json();
  };
  return {
    tasks: (filter) => call("GET", `/tasks${filter ? `?filter=${encodeURIComponent(filter)}` : ""}`),
    add: (content, due, project_id, priority) => call("POST", "/tasks", { content, due_string: due, project_id, priority }),
    complete: (id) => call("POST", `/tasks/${id}/close`),
    projects: () => call("GET", "/projects"),
  };
}
