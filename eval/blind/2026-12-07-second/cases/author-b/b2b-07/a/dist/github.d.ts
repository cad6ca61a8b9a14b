import { Octokit } from "@octokit/rest";
export declare function createClient(token: string): Octokit;
export declare function splitRepo(full: string): {
    owner: string;
    repo: string;
};
