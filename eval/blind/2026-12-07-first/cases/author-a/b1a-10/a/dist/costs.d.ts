export type Granularity = "DAILY" | "MONTHLY";
export interface CostRow {
    period: string;
    key: string;
    amount: number;
    unit: string;
}
export declare function costByService(start: string, end: string, granularity: Granularity): Promise<CostRow[]>;
export declare function forecast(start: string, end: string): Promise<{
    amount: number;
    unit: string;
}>;
