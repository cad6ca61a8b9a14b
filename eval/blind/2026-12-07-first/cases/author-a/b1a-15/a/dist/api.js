import { fetch } from "undici";
const ENDPOINT = "https://api.trackly.dev/graphql";
const ISSUE_FIELDS = "id identifier title priority url state { name } assignee { name }";
function flatten(n) {
    return { ...n, state: n.state?.name ?? "", assignee: n.assignee?.name };
}
export class TracklyApi {
    key;
    constructor(key) {
        this.key = key;
    }
    async gql(query, variables = {}) {
        const res = await fetch(ENDPOINT, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: this.key },
            body: JSON.stringify({ query, variables }),
        });
        const json = (await res.json());
        if (json.errors?.length)
            throw new Error(json.errors.map((e) => e.message).join("; "));
        return json.data;
    }
    async searchIssues(query, first = 20) {
        const data = await this.gql(`query($q: String!, $first: Int!) { searchIssues(term: $q, first: $first) { nodes { ${ISSUE_FIELDS} } } }`, { q: query, first });
        return data.searchIssues.nodes.map(flatten);
    }
    async getIssue(identifier) {
        const data = await this.gql(`query($id: String!) { issue(id: $id) { ${ISSUE_FIELDS} description } }`, { id: identifier });
        return flatten(data.issue);
    }
    async createIssue(teamKey, title, description, priority = 0) {
        const data = await this.gql(`mutation($input: IssueCreateInput!) { issueCreate(input: $input) { issue { ${ISSUE_FIELDS} } } }`, { input: { teamKey, title, description, priority } });
        return flatten(data.issueCreate.issue);
    }
    async addComment(issueId, body) {
        const data = await this.gql(`mutation($input: CommentCreateInput!) { commentCreate(input: $input) { comment { url } } }`, { input: { issueId, body } });
        return data.commentCreate.comment.url;
    }
}
