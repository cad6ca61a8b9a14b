/**
 * The Probot app: a list of subscriptions, nothing else. The engine and the queue are injected (the
 * process passes src/runtime/deps.ts; tests pass fixture packages), so app/ never imports runtime/.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import type { AppDeps } from "./deps.js";
import {
  onCheckRun,
  onCheckSuite,
  onMember,
  onMergeGroup,
  onOrgMembership,
  onPullRequest,
  onPush,
  onReview,
  onTeam,
} from "./events.js";

export default function app(
  probot: Probot,
  _options: ApplicationFunctionOptions | undefined,
  deps: AppDeps,
): void {
  probot.on(
    [
      "pull_request.opened",
      "pull_request.reopened",
      "pull_request.synchronize",
      "pull_request.ready_for_review",
      "pull_request.edited",
    ],
    ({ octokit, payload, log }) => onPullRequest({ octokit, payload, log, deps }),
  );
  probot.on(
    ["pull_request_review.submitted", "pull_request_review.edited", "pull_request_review.dismissed"],
    ({ octokit, payload, log }) => onReview({ octokit, payload, log, deps }),
  );
  probot.on(["check_run.rerequested", "check_run.requested_action"], ({ octokit, payload, log }) =>
    onCheckRun({ octokit, payload, log, deps }),
  );
  probot.on("check_suite.rerequested", ({ octokit, payload, log }) =>
    onCheckSuite({ octokit, payload, log, deps }),
  );
  // Facts a green check rests on that change without a pull-request event.
  probot.on("push", ({ octokit, payload, log }) => onPush({ octokit, payload, log, deps }));
  probot.on(["member.added", "member.removed", "member.edited"], ({ octokit, payload, log }) =>
    onMember({ octokit, payload, log, deps }),
  );
  probot.on(
    ["team.added_to_repository", "team.removed_from_repository", "team.edited", "team.deleted"],
    ({ octokit, payload, log }) => onTeam({ octokit, payload, log, deps }),
  );
  probot.on(["membership.added", "membership.removed", "organization.member_removed"], ({ octokit, log }) =>
    onOrgMembership({ octokit, log, deps }),
  );
  probot.on("merge_group.checks_requested", ({ octokit, payload, log }) =>
    onMergeGroup({ octokit, payload, log, deps }),
  );
}
