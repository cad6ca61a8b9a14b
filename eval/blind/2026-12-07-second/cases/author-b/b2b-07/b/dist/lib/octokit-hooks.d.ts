import type { Octokit } from "@octokit/rest";
export declare function withReliability<T extends Octokit>(octokit: T): T;
