import { Settings } from "../../shared/api/settings";
import { signedInApi, type ApiCall, type Card } from "../e2e/support/api";
import { startStack, type Stack } from "../e2e/support/stack";

/** The field mapping an admin saves is the one the card reads by, at once, as the judgement writes by it. */

let stack: Stack;
let api: ApiCall;
let cardOf: (email: string) => Promise<Card>;

/** The demo tenant's first rep (the seeded tenant is the same everywhere). */
const ADMIN = "anna.lindqvist@nordvik-industri.se";

beforeAll(async () => {
  stack = await startStack({ withAddin: false, admins: [ADMIN] });
  ({ api, cardOf } = await signedInApi(stack, ADMIN));
}, 60_000);
afterAll(async () => stack?.close());

test("potential items remapped on the admin page change what the card shows", async () => {
  const sender = stack.sandbox.tenant.highlights.tierA.email;
  expect((await cardOf(sender)).potential).toBe("A");

  const { fieldMapping } = Settings.parse((await api("GET", "/api/v1/admin/settings")).body);
  const swapped = Object.fromEntries(Object.entries(fieldMapping.potentialItems).map(([name, value]) => [name, value === "A" ? "D" : value === "D" ? "A" : value]));
  const saved = await api("PUT", "/api/v1/admin/settings/fieldMapping", { ...fieldMapping, potentialItems: swapped });
  expect(saved.status).toBe(200);

  expect((await cardOf(sender)).potential).toBe("D");
});
