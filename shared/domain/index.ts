/** The customer method's rules: pure functions, time passed in. See each module for its decisions. */
export * from "./vocabulary";
export * from "./dates";
export * from "./iso-week";
export * from "./holidays";
export * from "./policy";
export * from "./next-step";
export * from "./due-status";
export * from "./revenue";
export * from "./thresholds";
export * from "./classify";
export * from "./moves";
export * from "./explain";
export * from "./language-tag";
export * from "./portfolio";
export * from "./workload";
export * from "./weekly-list";
