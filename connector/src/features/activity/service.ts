import crypto from "node:crypto";
import type { JudgementRequest, JudgementResponse, LogActivityRequest, LogActivityResponse, NextStepProposal } from "../../../../shared/api/activity";
import type { LoggedResponse } from "../../../../shared/api/meetings";
import { nextStep } from "../../../../shared/domain";
import type { ActivityType, ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import { assertNever } from "../../../../shared/domain/vocabulary";
import type { Identity } from "../../auth/identity";
import type { CrmFullPort, CrmListItem } from "../../crm/port";
import { encodeListItemId } from "../../crm/superoffice";
import { HttpError } from "../../http/errors";
import type { Queryable } from "../../store/db";
import { countryOf, DEFAULT_COUNTRY, judgementOf, rhythmOf, type RhythmCrm, type RhythmSettings } from "./rhythm";

export type ActivityCrm = RhythmCrm &
  Pick<CrmFullPort, "listAssociates" | "listTaskTypes" | "createAppointment" | "updateCompany" | "listAppointments">;

export interface ActivityDeps {
  crm: ActivityCrm;
  db: Queryable;
  settings: () => Promise<RhythmSettings>;
  now?: () => Date;
}

/** Task list names per activity type, in the languages tenants name them; the first one present is used. */
const TASK_NAMES: Record<ActivityType | "follow-up", string[]> = {
  meeting: ["möte", "møte", "meeting"],
  call: ["telefon", "telefonsamtal", "phone", "phone call", "call"],
  email: ["e-post", "epost", "e-mail", "email"],
  visit: ["besök", "besøk", "visit"],
  "follow-up": ["uppföljning", "oppfølging", "follow-up", "follow up"],
};

export function taskIdFor(kind: ActivityType | "follow-up", tasks: readonly CrmListItem[]): number | undefined {
  const live = tasks.filter((t) => !t.deleted);
  for (const name of TASK_NAMES[kind]) {
    const hit = live.find((t) => t.name.trim().toLowerCase() === name);
    if (hit) return hit.id;
  }
  return undefined;
}

function describe(request: LogActivityRequest): string {
  const outcome = request.outcome.trim();
  const notes = request.notes.trim();
  return [outcome, notes].filter(Boolean).join("\n\n") || labelOf(request.type);
}

function labelOf(type: ActivityType): string {
  switch (type) {
    case "meeting":
      return "Meeting";
    case "call":
      return "Call";
    case "email":
      return "E-mail";
    case "visit":
      return "Visit";
    default:
      return assertNever(type, "activity type");
  }
}

/** A key whose first save is still running (or died) for longer than this may be resumed. */
const STALE_PENDING_MS = 2 * 60_000;

export function activityService(deps: ActivityDeps) {
  const { crm, db } = deps;
  const now = deps.now ?? (() => new Date());

  async function itemIdFor(field: string, names: string[]): Promise<number> {
    const items = await crm.listCustomFieldItems(field);
    const hit = items.find((i) => !i.deleted && names.includes(i.name.trim().toLowerCase()));
    if (!hit) throw new HttpError(409, "CONFLICT", `The CRM list of ${field} has no item named ${names.join(" / ")}.`);
    return hit.id;
  }

  return {
    rhythm: async (companyId: ContactId) => rhythmOf(crm, companyId, await deps.settings(), now()),

    /** Writes potential and/or account type as list items named by the field mapping. */
    async judge(companyId: ContactId, request: JudgementRequest): Promise<JudgementResponse> {
      const settings = await deps.settings();
      const { fields } = settings;
      const namesOf = <V extends string>(mapping: Record<string, V>, value: V) =>
        Object.entries(mapping)
          .filter(([, v]) => v === value)
          .map(([name]) => name.toLowerCase());
      const customFields: Record<string, string> = {};
      if (request.potential) customFields[fields.potentialField] = encodeListItemId(await itemIdFor(fields.potentialField, namesOf(fields.potentialItems, request.potential)));
      if (request.accountType) {
        customFields[fields.accountTypeField] = encodeListItemId(await itemIdFor(fields.accountTypeField, namesOf(fields.accountTypeItems, request.accountType)));
      }
      const company = await crm.updateCompany(companyId, { customFields });
      const judgement = await judgementOf(crm, company, fields);
      return { potential: judgement.potential, accountType: judgement.accountType, rhythm: await rhythmOf(crm, companyId, settings, now()) };
    },

    /** The company's completed activities on one date: whether a meeting that day was logged. */
    async loggedOn(companyId: ContactId, date: string): Promise<LoggedResponse> {
      const done = await crm.listAppointments({ contactId: companyId, from: date, to: date, completed: true });
      const activities = done
        .filter((a) => a.completed && a.contactId === companyId)
        .map((a) => ({ id: a.id, date: a.startDate, type: a.typeName, text: a.text, completed: true }));
      return { companyId, date, logged: activities.length > 0, activities };
    },

    /** The follow-up the policy proposes after a contact on `after` (a working day in the customer's country). */
    async proposeNextStep(companyId: ContactId, after: string): Promise<NextStepProposal> {
      const settings = await deps.settings();
      const company = await crm.getCompany(companyId);
      const { tier, potential, accountType } = await judgementOf(crm, company, settings.fields);
      if (tier === null || tier === "former") return { proposal: null };
      const step = nextStep({
        lastContact: after,
        today: after,
        country: countryOf(company) ?? DEFAULT_COUNTRY,
        policy: settings.policy,
        key: { tier, potential, accountType },
        channel: "personal",
      });
      return { proposal: step ? { date: step.date, intervalWeeks: step.intervalWeeks } : null };
    },

    /**
     * Records the completed activity for the rep and the next step as a follow-up for the company's
     * owner. Idempotent by the pane's key: a repeated key returns the first result and writes nothing.
     */
    async log(identity: Identity, request: LogActivityRequest): Promise<LogActivityResponse> {
      const { idempotencyKey, ...content } = request;
      const hash = crypto.createHash("sha256").update(JSON.stringify(content)).digest("hex");
      const inserted = await db.query(
        `insert into logged_activities (idempotency_key, request_hash, rep_email, state) values ($1, $2, $3, 'pending')
         on conflict (idempotency_key) do nothing returning idempotency_key`,
        [idempotencyKey, hash, identity.email],
      );
      let activityId: number | null = null;
      if (inserted.rowCount === 0) {
        const { rows } = await db.query<{ request_hash: string; state: string; activity_id: number | null; follow_up_id: number | null; age_ms: number }>(
          `select request_hash, state, activity_id, follow_up_id,
                  (extract(epoch from (now() - updated_at)) * 1000)::integer as age_ms
             from logged_activities where idempotency_key = $1`,
          [idempotencyKey],
        );
        const row = rows[0];
        if (!row) throw new HttpError(409, "CONFLICT", "This save is being processed; try again.");
        if (row.request_hash !== hash) throw new HttpError(409, "CONFLICT", "This idempotency key was used for another activity.");
        if (row.state === "done" && row.activity_id !== null) {
          return { activityId: row.activity_id, followUpId: row.follow_up_id, replayed: true };
        }
        if (row.age_ms < STALE_PENDING_MS && row.activity_id === null) throw new HttpError(409, "CONFLICT", "This save is being processed; try again.");
        await db.query("update logged_activities set updated_at = now() where idempotency_key = $1", [idempotencyKey]);
        activityId = row.activity_id;
      }

      try {
        const [associates, company, tasks] = await Promise.all([crm.listAssociates(), crm.getCompany(request.companyId as ContactId), crm.listTaskTypes()]);
        const rep = associates.find((a) => a.email?.trim().toLowerCase() === identity.email);
        if (!rep) throw new HttpError(403, "FORBIDDEN", "Your account is not a user of the CRM.");
        const personId = request.personId as PersonId | null;
        if (activityId === null) {
          const activity = await crm.createAppointment({
            contactId: company.id,
            personId,
            associateId: rep.id,
            taskId: taskIdFor(request.type, tasks),
            startDate: `${request.date}T09:00:00`,
            endDate: `${request.date}T10:00:00`,
            description: describe(request),
            completed: true,
          });
          activityId = activity.id;
          await db.query("update logged_activities set activity_id = $2, updated_at = now() where idempotency_key = $1", [idempotencyKey, activityId]);
        }
        let followUpId: number | null = null;
        if (request.nextStep) {
          const followUp = await crm.createAppointment({
            contactId: company.id,
            personId,
            associateId: company.owner?.id ?? rep.id,
            taskId: taskIdFor("follow-up", tasks),
            startDate: `${request.nextStep.date}T09:00:00`,
            endDate: `${request.nextStep.date}T09:30:00`,
            description: request.nextStep.text.trim() || describe(request),
            completed: false,
          });
          followUpId = followUp.id;
        }
        await db.query("update logged_activities set follow_up_id = $2, state = 'done', updated_at = now() where idempotency_key = $1", [idempotencyKey, followUpId]);
        return { activityId, followUpId, replayed: false };
      } catch (error) {
        // Nothing written yet: forget the key so the pane's retry starts over.
        if (activityId === null) await db.query("delete from logged_activities where idempotency_key = $1 and activity_id is null", [idempotencyKey]);
        throw error;
      }
    },
  };
}
export type ActivityService = ReturnType<typeof activityService>;
