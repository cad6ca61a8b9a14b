import { CostExplorerClient, GetCostAndUsageCommand, GetCostForecastCommand } from "@aws-sdk/client-cost-explorer";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
const client = new CostExplorerClient({
    region: "us-east-1",
    credentials: fromNodeProviderChain({ profile: process.env.AWS_PROFILE }),
});
export async function costByService(start, end, granularity) {
    const rows = [];
    let token;
    do {
        const res = await client.send(new GetCostAndUsageCommand({
            TimePeriod: { Start: start, End: end },
            Granularity: granularity,
            Metrics: ["UnblendedCost"],
            GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }],
            NextPageToken: token,
        }));
        for (const period of res.ResultsByTime ?? []) {
            for (const g of period.Groups ?? []) {
                const m = g.Metrics?.UnblendedCost;
                rows.push({
                    period: period.TimePeriod?.Start ?? "",
                    key: g.Keys?.[0] ?? "?",
                    amount: Number(m?.Amount ?? 0),
                    unit: m?.Unit ?? "USD",
                });
            }
        }
        token = res.NextPageToken;
    } while (token);
    return rows;
}
export async function forecast(start, end) {
    const res = await client.send(new GetCostForecastCommand({
        TimePeriod: { Start: start, End: end },
        Granularity: "MONTHLY",
        Metric: "UNBLENDED_COST",
    }));
    return { amount: Number(res.Total?.Amount ?? 0), unit: res.Total?.Unit ?? "USD" };
}
