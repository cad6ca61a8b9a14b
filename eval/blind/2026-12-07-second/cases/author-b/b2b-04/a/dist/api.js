export class QuillApi {
    token;
    base;
    transport;
    constructor(token, base = "https://api.quillnotes.com/v3") {
        this.token = token;
        this.base = base;
        this.transport = this.httpTransport.bind(this);
    }
    async httpTransport(method, path, body) {
        const res = await fetch(this.base + path, {
            method,
            headers: {
                Authorization: `Token ${this.token}`,
                "Content-Type": "application/json",
            },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!res.ok)
            throw new Error(`Quill API ${res.status} on ${method} ${path}`);
        return res.status === 204 ? undefined : res.json();
    }
    listNotebooks() {
        return this.transport("GET", "/notebooks");
    }
    searchNotes(q, notebookId) {
        const qs = new URLSearchParams({ q });
        if (notebookId)
            qs.set("notebook", notebookId);
        return this.transport("GET", `/notes?${qs}`);
    }
    getNote(id) {
        return this.transport("GET", `/notes/${id}`);
    }
    createNote(notebookId, title, body, tags = []) {
        return this.transport("POST", "/notes", { notebookId, title, body, tags });
    }
    async appendToNote(id, text) {
        const note = await this.getNote(id);
        return this.transport("PATCH", `/notes/${id}`, { body: `${note.body}\n\n${text}` });
    }
}
