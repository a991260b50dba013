import { CardResponse, type Card } from "../../../shared/api/card";
import type { Stack } from "./stack";

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

/** A rep's calls to a running stack's API over HTTP: a development token for the rep, JSON in and out. */
export async function signedInApi(stack: Stack, email: string = stack.sandbox.tenant.reps[0]!.email): Promise<{ token: string; api: ApiCall; cardOf: (email: string) => Promise<Card> }> {
  const issued = await fetch(`${stack.url}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email }) });
  if (!issued.ok) throw new Error(`no development token for ${email}: HTTP ${issued.status}`);
  const token = ((await issued.json()) as { access_token: string }).access_token;
  const api: ApiCall = async (method, path, body) => {
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const cardOf = async (sender: string): Promise<Card> => {
    const card = CardResponse.parse((await api("GET", `/api/v1/card?email=${encodeURIComponent(sender)}`)).body);
    if (!card.found) throw new Error(`no card for ${sender}`);
    return card.card;
  };
  return { token, api, cardOf };
}
export type { Card };
