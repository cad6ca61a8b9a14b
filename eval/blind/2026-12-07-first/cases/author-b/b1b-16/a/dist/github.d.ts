import { Octokit } from "@octokit/rest";
export declare function createClient(token: string): Octokit;
export declare function parseRepo(full: string): { owner: string; repo: string };
export declare function formatIssue(i: any): string;
