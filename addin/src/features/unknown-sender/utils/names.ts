import { emailDomain, isPublicMailDomain } from "../../../../../shared/api/unknown-sender";

/**
 * First and last name from a display name: "Kari Nordmann" → Kari / Nordmann, "Nordmann, Kari" →
 * Kari / Nordmann. Without a display name, the address's local part ("kari.nordmann@…") is used.
 */
export function splitDisplayName(displayName: string, email: string): { firstName: string; lastName: string } {
  const name = displayName.trim();
  if (name !== "" && !name.includes("@")) {
    const comma = /^([^,]+),\s*(.+)$/.exec(name);
    if (comma) return { firstName: comma[2]!.trim(), lastName: comma[1]!.trim() };
    const parts = name.split(/\s+/);
    if (parts.length === 1) return { firstName: parts[0]!, lastName: "" };
    return { firstName: parts.slice(0, -1).join(" "), lastName: parts[parts.length - 1]! };
  }
  const local = email.split("@")[0] ?? "";
  const words = local.split(/[._-]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  if (words.length < 2) return { firstName: words[0] ?? "", lastName: "" };
  return { firstName: words.slice(0, -1).join(" "), lastName: words[words.length - 1]! };
}

const SECOND_LEVEL = new Set(["co", "com", "org", "net", "ac", "gov", "edu"]);

/** A starting point for a new company's name: "fjordfisk.no" → "Fjordfisk"; nothing for free mail. */
export function companyNameFromEmail(email: string): string {
  const domain = emailDomain(email);
  if (!domain || isPublicMailDomain(domain)) return "";
  const labels = domain.split(".");
  let i = labels.length - 2;
  // "fjordfisk.co.uk": the company is left of a second-level registry label.
  if (i > 0 && SECOND_LEVEL.has(labels[i]!)) i--;
  const core = labels[Math.max(i, 0)]!;
  return core.charAt(0).toUpperCase() + core.slice(1);
}
