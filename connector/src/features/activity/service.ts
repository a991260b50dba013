import crypto from "node:crypto";
import type { FollowUpOutcome, JudgementRequest, JudgementResponse, LogActivityRequest, LogActivityResponse, NextStepProposal } from "../../../../shared/api/activity";
import type { LoggedResponse } from "../../../../shared/api/meetings";
import { nextStep } from "../../../../shared/domain";
import { addDays, type LocalDate } from "../../../../shared/domain/dates";
import type { ActivityType, AssociateId, ContactId, PersonId } from "../../../../shared/domain/vocabulary";
import { assertNever } from "../../../../shared/domain/vocabulary";
import type { Identity } from "../../auth/identity";
import { CrmError, type CrmAppointment, type CrmFullPort, type CrmListItem } from "../../crm/port";
import { encodeListItemId } from "../../crm/superoffice";
import { HttpError } from "../../http/errors";
import { inProcessLock, type KeyedLock } from "../../store/job-lock";
import type { WriteLedger, WriteSteps } from "../../store/write-ledger";
import { countryOf, DEFAULT_COUNTRY, judgementOf, rhythmOf, todayFor, type RhythmCrm, type RhythmSettings } from "./rhythm";

export type ActivityCrm = RhythmCrm &
  Pick<CrmFullPort, "getPerson" | "listAssociates" | "listTaskTypes" | "createAppointment" | "moveAppointment" | "updateCompany" | "listAppointments">;

export interface ActivityDeps {
  crm: ActivityCrm;
  ledger: WriteLedger;
  settings: () => Promise<RhythmSettings>;
  /** Serialises the follow-up planning of one company (default: within this process). */
  companyLock?: KeyedLock;
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

/** The marker on a logged activity's text: a retry of the save finds the activity by it. */
export function activityMarker(idempotencyKey: string): string {
  return `[kundrytm:log:${idempotencyKey}]`;
}

/** The marker on a follow-up Kundrytm planned, naming the save that last planned it. */
export function followUpMarker(idempotencyKey: string): string {
  return `${FOLLOW_UP_MARKER_PREFIX}${idempotencyKey}]`;
}
const FOLLOW_UP_MARKER_PREFIX = "[kundrytm:follow-up:";
const ANY_MARKER = /\n?\[kundrytm:[^\]]*\]/g;

function withoutMarkers(text: string): string {
  return text.replace(ANY_MARKER, "").trim();
}

/**
 * Which of a company's planned appointments a new next step moves: Kundrytm's own open follow-up (the
 * earliest, if there are several), else the earliest open appointment of the follow-up activity type that
 * no Kundrytm job made (a Monday-list or tier task stays where it is); none: a follow-up is created.
 */
export function chooseFollowUp(open: readonly CrmAppointment[], tasks: readonly CrmListItem[]): CrmAppointment | null {
  const byDate = [...open].filter((a) => !a.completed).sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id - b.id));
  const ours = byDate.find((a) => a.text.includes(FOLLOW_UP_MARKER_PREFIX));
  if (ours) return ours;
  const followUpTask = tasks.find((t) => t.id === taskIdFor("follow-up", tasks));
  const names = new Set(TASK_NAMES["follow-up"]);
  return (
    byDate.find(
      (a) =>
        !a.text.includes("[kundrytm:") &&
        a.typeName !== null &&
        (names.has(a.typeName.trim().toLowerCase()) || (followUpTask !== undefined && a.typeName === followUpTask.name)),
    ) ?? null
  );
}

/** The moved appointment keeps its time of day and length, on the new date. */
function movedTimes(appointment: CrmAppointment, date: LocalDate): { startDate: string; endDate: string } {
  const time = (iso: string) => (/T(\d{2}:\d{2}(?::\d{2})?)/.exec(iso)?.[1] ?? "09:00:00").padEnd(8, ":00");
  const start = `${date}T${time(appointment.startDate)}`;
  const lengthMs = Math.max(0, Date.parse(`${appointment.endDate.slice(0, 19)}Z`) - Date.parse(`${appointment.startDate.slice(0, 19)}Z`)) || 30 * 60_000;
  const end = new Date(Date.parse(`${start}Z`) + lengthMs).toISOString().slice(0, 19);
  return { startDate: start, endDate: end };
}

/** Open appointments this far back (an overdue follow-up) and ahead are candidates to move. */
const PLANNED_LOOKBACK_DAYS = 2 * 366;
const PLANNED_LOOKAHEAD_DAYS = 5 * 366;

/** A follow-up as the ledger keeps it for the answer. */
type StoredFollowUp =
  | { action: "none" }
  | { action: "moved" | "created"; id: number; date: LocalDate | null; previousDate: LocalDate | null; associateId: number | null };
const NO_FOLLOW_UP: StoredFollowUp = { action: "none" };

/** What a save records in the write ledger as it goes. */
type ActivityCheckpoints = {
  activityId: number;
  followUpIntent: { action: "moved" | "created"; previousDate: LocalDate | null };
  followUp: StoredFollowUp;
};

/** Answers recorded before the connector said what became of the follow-up name only its id. */
function withFollowUp(result: LogActivityResponse): LogActivityResponse {
  if (result.followUp) return result;
  const followUp: FollowUpOutcome =
    result.followUpId === null ? { action: "none" } : { action: "created", id: result.followUpId, date: null, previousDate: null, associate: null };
  return { ...result, followUp };
}

export function activityService(deps: ActivityDeps) {
  const { crm, ledger } = deps;
  const now = deps.now ?? (() => new Date());
  const lockCompany = deps.companyLock ?? inProcessLock();

  async function itemIdFor(field: string, names: string[]): Promise<number> {
    const items = await crm.listCustomFieldItems(field);
    const hit = items.find((i) => !i.deleted && names.includes(i.name.trim().toLowerCase()));
    if (!hit) throw new HttpError(409, "CONFLICT", `The CRM list of ${field} has no item named ${names.join(" / ")}.`);
    return hit.id;
  }

  /** The activity's person must be one of its company's: another company's person is a 400, nothing written. */
  async function assertPersonAt(personId: number | null, companyId: number): Promise<void> {
    if (personId === null) return;
    const person = await crm.getPerson(personId as PersonId).catch((error: unknown) => {
      if (error instanceof CrmError && error.code === "CRM_NOT_FOUND") return null;
      throw error;
    });
    if (person?.contactId !== companyId) {
      throw new HttpError(400, "BAD_REQUEST", `personId: person ${personId} is not at company ${companyId} in the CRM.`);
    }
  }

  return {
    rhythm: async (companyId: ContactId) => rhythmOf(crm, companyId, await deps.settings(), now()),

    /** The rep's judgement, written once per key through the write ledger (judgeOnce). */
    async judge(identity: Identity, companyId: ContactId, request: JudgementRequest): Promise<JudgementResponse> {
      const { idempotencyKey, ...judgement } = request;
      const { result } = await ledger.runOnce<{ written: true }, JudgementResponse>({
        kind: "judgement",
        key: idempotencyKey ?? crypto.randomUUID(),
        content: { companyId, ...judgement },
        repEmail: identity.email,
        conflictMessage: "This idempotency key was used for another judgement.",
        busyMessage: "This judgement is being saved; try again shortly.",
        // Setting the same values again changes nothing: a retry after a crash simply writes them again.
        work: (steps) => steps.writing("written", () => judgeOnce(companyId, judgement)),
      });
      return result;
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
     * Records the completed activity for the rep and plans the next step: the customer's open follow-up
     * (chooseFollowUp) moves to the next step's date, or a follow-up for the company's owner is created
     * when there is none or the rep asks for a separate one. Once per idempotency key (the write ledger):
     * a repeat returns the first answer, and a retry after a crash finds by their markers what the
     * earlier try wrote before writing again.
     */
    async log(identity: Identity, request: LogActivityRequest): Promise<LogActivityResponse> {
      await assertPersonAt(request.personId, request.companyId);
      const { idempotencyKey, ...content } = request;
      const { result, replayed } = await ledger.runOnce<ActivityCheckpoints, LogActivityResponse>({
        kind: "activity",
        key: idempotencyKey,
        content,
        repEmail: identity.email,
        conflictMessage: "This idempotency key was used for another activity.",
        busyMessage: "This save is being processed; try again shortly.",
        work: (steps) => logOnce(identity, request, steps),
      });
      return replayed ? { ...withFollowUp(result), replayed: true } : result;
    },
  };

  /** Writes potential and/or account type as list items named by the field mapping. */
  async function judgeOnce(companyId: ContactId, request: Omit<JudgementRequest, "idempotencyKey">): Promise<JudgementResponse> {
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
    const judged = await judgementOf(crm, company, fields);
    return { potential: judged.potential, accountType: judged.accountType, rhythm: await rhythmOf(crm, companyId, settings, now()) };
  }

  async function logOnce(identity: Identity, request: LogActivityRequest, steps: WriteSteps<ActivityCheckpoints>): Promise<LogActivityResponse> {
    const key = request.idempotencyKey;
    const [associates, company, tasks] = await Promise.all([crm.listAssociates(), crm.getCompany(request.companyId as ContactId), crm.listTaskTypes()]);
    const rep = associates.find((a) => a.email?.trim().toLowerCase() === identity.email);
    if (!rep) throw new HttpError(403, "FORBIDDEN", "Your account is not a user of the CRM.");
    const personId = request.personId as PersonId | null;

    let activityId = steps.checkpoints.activityId ?? null;
    if (activityId === null && steps.mayHaveWritten("activityId")) {
      const written = await crm.listAppointments({ contactId: company.id, from: request.date, to: request.date, completed: true });
      activityId = written.find((a) => a.contactId === company.id && a.text.includes(activityMarker(key)))?.id ?? null;
    }
    if (activityId === null) {
      const activity = await steps.writing("activityId", () =>
        crm.createAppointment({
          contactId: company.id,
          personId,
          associateId: rep.id,
          taskId: taskIdFor(request.type, tasks),
          startDate: `${request.date}T09:00:00`,
          endDate: `${request.date}T10:00:00`,
          description: `${describe(request)}\n${activityMarker(key)}`,
          completed: true,
        }),
      );
      activityId = activity.id;
    }
    if (steps.checkpoints.activityId !== activityId) await steps.save({ activityId });

    const nameOf = (id: number | null) => {
      const associate = associates.find((a) => a.id === id);
      return associate ? { id: associate.id, name: associate.fullName } : null;
    };
    // Read the open follow-ups and move or create one as one step per company: a save beside this one waits and then finds it.
    const followUp =
      steps.checkpoints.followUp ??
      (request.nextStep ? await lockCompany(company.id, () => planFollowUp(company.id, company.owner?.id ?? rep.id, request, steps, tasks, personId)) : NO_FOLLOW_UP);
    if (steps.checkpoints.followUp === undefined) await steps.save({ followUp });
    const outcome: FollowUpOutcome =
      followUp.action === "none" ? followUp : { action: followUp.action, id: followUp.id, date: followUp.date, previousDate: followUp.previousDate, associate: nameOf(followUp.associateId) };
    return { activityId, followUpId: followUp.action === "none" ? null : followUp.id, followUp: outcome, replayed: false };
  }

  /** Moves the customer's open follow-up to the next step's date, or creates one; an earlier try's write is found by its marker. */
  async function planFollowUp(
    companyId: ContactId,
    ownerId: AssociateId,
    request: LogActivityRequest,
    steps: WriteSteps<ActivityCheckpoints>,
    tasks: readonly CrmListItem[],
    personId: PersonId | null,
  ): Promise<StoredFollowUp> {
    const step = request.nextStep!;
    const key = request.idempotencyKey;
    const today = todayFor(undefined, now());
    const planned = await crm.listAppointments({ contactId: companyId, from: addDays(today, -PLANNED_LOOKBACK_DAYS), to: addDays(today, PLANNED_LOOKAHEAD_DAYS), completed: false });
    const open = planned.filter((a) => a.contactId === companyId && !a.completed);
    const mine = open.find((a) => a.text.includes(followUpMarker(key)));
    const intent = steps.checkpoints.followUpIntent;
    if (mine && steps.mayHaveWritten("followUp")) {
      // An earlier try of this key wrote it and died before recording it.
      return {
        action: intent?.action ?? "created",
        id: mine.id,
        date: mine.startDate.slice(0, 10),
        previousDate: intent?.previousDate ?? null,
        associateId: mine.associateId,
      };
    }
    const text = step.text.trim();
    const target = request.separateFollowUp ? null : chooseFollowUp(open, tasks);
    if (target) {
      const times = movedTimes(target, step.date);
      await steps.save({ followUpIntent: { action: "moved", previousDate: target.startDate.slice(0, 10) } });
      const moved = await steps.writing("followUp", () =>
        crm.moveAppointment(target.id, { ...times, description: `${text || withoutMarkers(target.text)}\n${followUpMarker(key)}` }),
      );
      return { action: "moved", id: moved.id, date: step.date, previousDate: target.startDate.slice(0, 10), associateId: target.associateId };
    }
    await steps.save({ followUpIntent: { action: "created", previousDate: null } });
    const created = await steps.writing("followUp", () =>
      crm.createAppointment({
        contactId: companyId,
        personId,
        associateId: ownerId,
        taskId: taskIdFor("follow-up", tasks),
        startDate: `${step.date}T09:00:00`,
        endDate: `${step.date}T09:30:00`,
        description: `${text || describe(request)}\n${followUpMarker(key)}`,
        completed: false,
      }),
    );
    return { action: "created", id: created.id, date: step.date, previousDate: null, associateId: ownerId };
  }
}
export type ActivityService = ReturnType<typeof activityService>;
