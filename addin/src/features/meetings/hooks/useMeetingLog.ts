import { useCallback, useEffect, useState } from "react";
import type { ApiClient } from "../../../api/client";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import type { MeetingTimes, OfficeAdapter } from "../../../office/adapter";
import { localToday } from "../../activity/utils/localDate";
import type { MeetingCompany } from "./useMeetingPrep";

export type MeetingLogState =
  /** The meeting has not ended (or there is no company to log it on): nothing to offer. */
  | { status: "idle" }
  | { status: "checking" }
  /** Companies with no completed activity on the meeting's date, in the prep view's order. */
  | { status: "checked"; date: string; unlogged: MeetingCompany[] }
  | { status: "error"; code: ClientErrorCode };

/** The id of Kundrytm's message in the item's info bar. */
export const MEETING_MESSAGE_ID = "kundrytm-meeting-not-logged";

/** The meeting's date as the rep sees it (yyyy-MM-dd in their time zone): the date an activity is logged on. */
export const meetingDate = (meeting: MeetingTimes) => localToday(meeting.start);

/**
 * After a meeting has ended: which of its companies have nothing logged for its date, asked of the
 * connector (the CRM's completed activities), never guessed. `recheck` after a save.
 */
export function useMeetingLog(args: { api: ApiClient; meeting: MeetingTimes; companies: MeetingCompany[] | null; now: () => number }) {
  const { api, meeting, companies, now } = args;
  const [state, setState] = useState<MeetingLogState>({ status: "idle" });
  const [attempt, setAttempt] = useState(0);
  const ended = meeting.end.getTime() <= now();
  useEffect(() => {
    if (!ended || !companies || companies.length === 0) return setState({ status: "idle" });
    const controller = new AbortController();
    const date = meetingDate(meeting);
    // A recheck keeps the banner until the answer is in, so it does not flicker away and back.
    setState((s) => (s.status === "checked" ? s : { status: "checking" }));
    Promise.all(companies.map((c) => api.getLogged(c.card.company.id, date, controller.signal))).then(
      (answers) => {
        // An answer for companies or a date that have since changed must not overwrite the newer one.
        if (!controller.signal.aborted) setState({ status: "checked", date, unlogged: companies.filter((_, i) => !answers[i]!.logged) });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", code: toClientError(error).code });
      },
    );
    return () => controller.abort();
  }, [api, meeting, companies, ended, attempt]);
  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, recheck };
}

/**
 * Mirrors "nothing logged" into Outlook's info bar for the item (informational message, where the
 * host supports it), and takes it away once something is logged. `message`: the text, null once
 * nothing is missing, undefined while that is not known (the bar is left as it is).
 */
export function useItemMessage(args: { office: OfficeAdapter; itemKey: string; message: string | null | undefined }) {
  const { office, itemKey, message } = args;
  useEffect(() => {
    if (message === undefined) return;
    // The info bar is an extra: a host that refuses it still has the banner in the pane.
    if (message) office.showItemMessage(itemKey, MEETING_MESSAGE_ID, message).catch(() => undefined);
    else void office.removeItemMessage(itemKey, MEETING_MESSAGE_ID);
  }, [office, itemKey, message]);
}
