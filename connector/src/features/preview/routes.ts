import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PreviewMailbox } from "../../../../shared/api/preview";
import { buildPreviewMailbox, type PreviewDemo } from "./mailbox";

/**
 * GET /preview/mailbox.json — the preview page's simulated inbox, in the embedded mode only (the demo
 * tenant is public knowledge there). No token: the preview has to load before anyone signs in.
 */
export function previewRoutes(app: FastifyInstance, deps: { demo: () => Promise<PreviewDemo>; now?: () => Date }): void {
  const now = deps.now ?? (() => new Date());
  app.withTypeProvider<ZodTypeProvider>().get(
    "/preview/mailbox.json",
    { schema: { response: { 200: PreviewMailbox } } },
    async (_request, reply) => {
      reply.header("Cache-Control", "no-cache");
      return buildPreviewMailbox(await deps.demo(), now());
    },
  );
}
