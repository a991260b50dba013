export * from "./card";
export * from "./errors";
