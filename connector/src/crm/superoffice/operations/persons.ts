import type { PersonId } from "../../../../../shared/domain/vocabulary";
import { CrmError, type CrmPerson, type NewPerson } from "../../port";
import { mapPersonEntity } from "../mappers";
import { normaliseEmail, odataString } from "../odata";
import { PERSON_COLUMNS, RawPersonEntity, RawPersonRow } from "../raw";
import { fetchAllRows, type SoContext } from "./context";

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Persons (not former employees) with this e-mail address. The address is lower-cased before the
 * query and every row is compared case-insensitively again, so the answer is exact whether or not
 * SuperOffice's `eq` is case-sensitive. A person with several matching rows appears once.
 */
export async function findPersonsByEmail(ctx: SoContext, email: string): Promise<CrmPerson[]> {
  const wanted = normaliseEmail(email);
  if (!EMAIL.test(wanted) || wanted.length > 254) {
    throw new CrmError("CRM_BAD_REQUEST", "Not an e-mail address");
  }
  const rows = await fetchAllRows(
    ctx,
    {
      path: "/v1/Person",
      what: "find person by e-mail",
      query: { select: PERSON_COLUMNS, filter: `email/emailAddress eq ${odataString(wanted)}`, entities: ["person"] },
      pageSize: 50,
      maxRows: 1000,
    },
    RawPersonRow,
  );
  const byId = new Map<number, CrmPerson>();
  for (const row of rows) {
    const rowEmail = row["email/emailAddress"];
    if (rowEmail !== null && normaliseEmail(rowEmail) !== wanted) continue;
    if (byId.has(row.personId)) continue;
    byId.set(row.personId, {
      id: row.personId as PersonId,
      contactId: row.contactId ? (row.contactId as CrmPerson["contactId"]) : null,
      fullName: row.fullName ?? "",
      email: rowEmail?.trim() ?? wanted,
      title: row.title?.trim() || null,
    });
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export async function getPerson(ctx: SoContext, id: PersonId): Promise<CrmPerson> {
  const raw = await ctx.http.json({ method: "GET", path: `/v1/Person/${id}`, what: "read person" }, RawPersonEntity);
  return mapPersonEntity(raw);
}

export async function createPerson(ctx: SoContext, person: NewPerson): Promise<CrmPerson> {
  const email = normaliseEmail(person.email);
  if (!EMAIL.test(email)) throw new CrmError("CRM_BAD_REQUEST", "Not an e-mail address");
  if (person.firstName.trim() === "" && person.lastName.trim() === "") {
    throw new CrmError("CRM_BAD_REQUEST", "A person needs a first or last name");
  }
  const body = {
    Firstname: person.firstName.trim(),
    Lastname: person.lastName.trim(),
    ...(person.title ? { Title: person.title.trim() } : {}),
    Contact: { ContactId: person.contactId },
    Emails: [{ Value: email }],
  };
  const raw = await ctx.http.json({ method: "POST", path: "/v1/Person", what: "create person", body }, RawPersonEntity);
  return mapPersonEntity(raw, email);
}
