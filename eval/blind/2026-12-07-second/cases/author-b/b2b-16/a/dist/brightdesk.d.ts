export interface Ticket {
    id: number;
    subject: string;
    status: "new" | "open" | "pending" | "solved" | "closed";
    priority: "low" | "normal" | "high" | "urgent";
    requester: {
        name: string;
        email: string;
    };
    messages: {
        author: string;
        body: string;
        at: string;
        internal: boolean;
    }[];
}
export declare class BrightDesk {
    private readonly subdomain;
    private readonly token;
    constructor(subdomain: string, token: string);
    private req;
    listTickets(status?: string, limit?: number): Promise<Ticket[]>;
    getTicket(id: number): Promise<Ticket>;
    reply(id: number, body: string, internal: boolean, status?: string): Promise<Ticket>;
    setPriority(id: number, priority: string): Promise<Ticket>;
}
