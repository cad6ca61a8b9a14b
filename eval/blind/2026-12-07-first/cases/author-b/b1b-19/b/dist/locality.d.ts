export interface Locality { ip?: string; country_code?: string; city?: string; asn?: string; }
export declare function clientLocality(): Promise<Locality>;
export declare function maintenanceProfile(loc: Locality): "compact" | "standard";
