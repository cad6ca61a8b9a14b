export interface Issue {
    id: string;
    identifier: string;
    title: string;
    state: string;
    assignee?: string;
    priority: number;
    url: string;
}
export declare class TracklyApi {
    private readonly key;
    constructor(key: string);
    private gql;
    searchIssues(query: string, first?: number): Promise<Issue[]>;
    getIssue(identifier: string): Promise<Issue & {
        description: string;
    }>;
    createIssue(teamKey: string, title: string, description?: string, priority?: number): Promise<Issue>;
    updateState(issueId: string, stateName: string): Promise<Issue>;
    addComment(issueId: string, body: string): Promise<string>;
}
