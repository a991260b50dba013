export * from "./card";
export * from "./errors";
export * from "./client-config";
export * from "./preview";
export * from "./activity";
export * from "./archive";
export * from "./unknown-sender";
