export const SECTIONS = ["policy", "tiers", "imports", "weeklyLists"] as const;
export type SectionKey = (typeof SECTIONS)[number];
