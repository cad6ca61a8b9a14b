export const EGRESS = {
    region: "eu-central",
    proxy: "http://eu-egress.formrelay-net.com:3128",
    keepAliveTimeout: 10_000,
};
export const PAGE_SIZE = 25;
