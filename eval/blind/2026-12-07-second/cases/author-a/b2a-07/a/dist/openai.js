import OpenAI from "openai";
let client;
export function getClient() {
    if (!client) {
        const apiKey = process.env.OPENAI_API_KEY;
        if (!apiKey)
            throw new Error("OPENAI_API_KEY is not set");
        client = new OpenAI({
            apiKey,
            baseURL: process.env.OPENAI_BASE_URL,
            organization: process.env.OPENAI_ORG_ID,
            maxRetries: 2,
            timeout: 120_000,
        });
    }
    return client;
}
