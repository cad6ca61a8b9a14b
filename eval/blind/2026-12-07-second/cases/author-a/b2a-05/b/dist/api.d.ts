export declare class TallyformApi {
    private token;
    constructor(token: string);
    private get;
    listForms(): Promise<any>;
    getForm(formId: string): Promise<any>;
    listSubmissions(formId: string, limit?: number, cursor?: string): Promise<any>;
}
