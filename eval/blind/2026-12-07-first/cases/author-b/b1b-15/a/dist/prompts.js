export const REVIEW_STEPS = [
    "Call the `diff_summary` tool for the repository and base branch to see which files changed and which changes look risky.",
    "Call `diff_text` and read the full diff. Focus on correctness first, then security, then readability.",
    "For each problem, quote the file and line, explain the impact, and propose a concrete fix.",
    "Finish with a short verdict: approve, approve with nits, or request changes.",
];
export function reviewPrompt(repo, base, focus) {
    return [
        `You are reviewing the changes in ${repo} against ${base}.`,
        focus ? `The author asked for extra attention on: ${focus}.` : "",
        "",
        ...REVIEW_STEPS.map((s, i) => `${i + 1}. ${s}`),
    ].filter((l) => l !== null).join("\n");
}
