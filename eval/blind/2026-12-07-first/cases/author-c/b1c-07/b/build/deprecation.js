/**
 * Ledgerly API v1 sunset schedule, from https://developers.ledgerly.eu/changelog/v1-sunset
 * Only affects the wording of warnings and whether the v1-only tool is still callable.
 */
export const V1_SUNSET = new Date("2026-01-31T00:00:00Z");
export const V1_WARN_FROM = new Date("2025-12-01T00:00:00Z");
export function v1Status(now = new Date()) {
    if (now >= V1_SUNSET)
        return "removed";
    if (now >= V1_WARN_FROM)
        return "warning";
    return "active";
}
export function sunsetDate() {
    return V1_SUNSET.toISOString().slice(0, 10);
}
export function v1Notice(tool, replacement) {
    return `Note: ${tool} uses Ledgerly API v1, which is switched off on ${sunsetDate()}. Use ${replacement} instead.`;
}
export function warnOnStartup(log = console.error) {
    const status = v1Status();
    if (status === "warning") {
        const days = Math.ceil((V1_SUNSET.getTime() - Date.now()) / 86_400_000);
        log(`[ledgerly-invoices] Ledgerly API v1 will be switched off in ${days} day(s) (${sunsetDate()}); ` +
            "find_invoices_by_customer will stop working. Update your prompts to use search_invoices.");
    }
    else if (status === "removed") {
        log("[ledgerly-invoices] find_invoices_by_customer is disabled: Ledgerly API v1 has been switched off. Upgrade to @ledgerly/invoices-mcp@4.");
    }
}
