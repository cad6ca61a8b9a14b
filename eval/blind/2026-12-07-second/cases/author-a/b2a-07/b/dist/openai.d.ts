import OpenAI from "openai";
export declare function getClient(): OpenAI;
