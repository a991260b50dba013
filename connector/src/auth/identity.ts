import type { FastifyRequest } from "fastify";
import { HttpError } from "../http/errors";

/** Who is calling, from a verified token. */
export interface Identity {
  /** The token's subject. */
  subject: string;
  /** The rep's e-mail address (lower case). */
  email: string;
  name: string | null;
}

/** Verifies a bearer token; rejects with AuthError when it is not acceptable. */
export type TokenVerifier = (token: string) => Promise<Identity>;

export class AuthError extends Error {
  override readonly name = "AuthError";
}

declare module "fastify" {
  interface FastifyRequest {
    identity: Identity | null;
  }
}

/** The verified identity of a request behind the auth hook. */
export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw new HttpError(401, "UNAUTHORIZED", "Sign-in required.");
  return request.identity;
}
