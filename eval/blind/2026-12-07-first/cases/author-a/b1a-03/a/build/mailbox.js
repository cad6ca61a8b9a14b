import "isomorphic-fetch";
import { Client } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import { DeviceCodeCredential } from "@azure/identity";

const SCOPES = ["Mail.ReadWrite", "Mail.Send", "User.Read"];

export class Mailbox {
    constructor(clientId, tenantId = "common") {
        const credential = new DeviceCodeCredential({
            clientId,
            tenantId,
            userPromptCallback: (info) => console.error(info.message),
        });
        const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: SCOPES });
        this.client = Client.initWithMiddleware({ authProvider });
    }

    async me() {
        return this.client.api("/me").select("displayName,mail,userPrincipalName").get();
    }

    async listMessages(folder = "inbox", top = 20, search) {
        let req = this.client
            .api(`/me/mailFolders/${encodeURIComponent(folder)}/messages`)
            .select("id,subject,from,receivedDateTime,isRead,bodyPreview")
            .top(Math.min(top, 50));
        if (search) req = req.search(`"${search.replace(/"/g, "")}"`);
        else req = req.orderby("receivedDateTime desc");
        const res = await req.get();
        return res.value;
    }

    async readMessage(id) {
        return this.client
            .api(`/me/messages/${encodeURIComponent(id)}`)
            .select("id,subject,from,toRecipients,ccRecipients,receivedDateTime,body")
            .get();
    }

    async sendMail({ to, cc = [], subject, body, html = false }) {
        const rcpt = (list) => list.map((address) => ({ emailAddress: { address } }));
        await this.client.api("/me/sendMail").post({
            message: {
                subject,
                body: { contentType: html ? "HTML" : "Text", content: body },
                toRecipients: rcpt(to),
                ccRecipients: rcpt(cc),
            },
            saveToSentItems: true,
        });
    }

    async markRead(id, isRead = true) {
        await this.client.api(`/me/messages/${encodeURIComponent(id)}`).patch({ isRead });
    }
}
