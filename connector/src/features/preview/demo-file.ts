import fs from "node:fs";
import { z } from "zod";
import type { PreviewDemo } from "./mailbox";

/** The demo tenant description npm start writes for the connector process (PREVIEW_DEMO_FILE). */
const Sender = z.object({ email: z.string().min(3), name: z.string(), company: z.string() });
export const PreviewDemoSchema = z.object({
  tenant: z.string(),
  ownerCompany: z.string(),
  reps: z.array(z.object({ initials: z.string(), fullName: z.string(), email: z.string().min(3) })).min(1),
  highlights: z.object({
    tierA: Sender,
    tierC: Sender,
    former: Sender,
    noTier: Sender,
    apostrophe: Sender,
    nonAscii: Sender,
    unknownSender: z.string().min(3),
  }),
}) satisfies z.ZodType<PreviewDemo>;

/** Reads and checks the file on each call, so a restarted sandbox's description is picked up. */
export function demoFromFile(file: string): () => Promise<PreviewDemo> {
  return async () => {
    const parsed = PreviewDemoSchema.safeParse(JSON.parse(await fs.promises.readFile(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is not a demo tenant description: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
    return parsed.data;
  };
}
