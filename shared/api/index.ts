export * from "./card";
export * from "./errors";
export * from "./client-config";
export * from "./preview";
export * from "./activity";
