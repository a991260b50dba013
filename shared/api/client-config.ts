import { z } from "zod";
import { EmailAddress } from "./fields";

/**
 * Served without authentication at GET /api/v1/client-config: tells the pane how to sign in.
 * "embedded": the connector is its own development issuer (POST /dev/token), for the sandbox setup.
 * "entra": nested app authentication against Microsoft Entra ID for the connector's API scope.
 */
export const ClientConfig = z.discriminatedUnion("auth", [
  z.object({ auth: z.literal("embedded") }),
  z.object({
    auth: z.literal("entra"),
    clientId: z.string(),
    authority: z.string(),
    /** The connector's delegated API scope, e.g. api://<app-id>/Crm.ReadWrite */
    scope: z.string(),
  }),
]);
export type ClientConfig = z.infer<typeof ClientConfig>;

export const DevTokenRequest = z.object({ email: EmailAddress });
export const DevTokenResponse = z.object({ access_token: z.string(), expires_in: z.number().int() });
