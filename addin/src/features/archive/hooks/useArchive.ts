import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_EML_BASE64, MAX_TEXT_BODY } from "../../../../../shared/api/archive";
import type { ApiClient } from "../../../api/client";
import { toClientError, type ClientErrorCode } from "../../../api/errors";
import type { MessageHeader, OfficeAdapter } from "../../../office/adapter";
import { OfficeCallError } from "../../../office/promisify";
import { archiveEmail, archiveStatus } from "../api";

export type ArchiveState =
  /** Not a message in read mode: nothing to archive. */
  | { status: "unavailable" }
  | { status: "checking" }
  | { status: "ready"; header: MessageHeader }
  | { status: "archiving"; header: MessageHeader }
  /** `company`: where the document is, which may be another customer than the card's (one message, one document). */
  | { status: "archived"; archivedAt: string | null; asText: boolean; company: { id: number; name: string | null } }
  | { status: "error"; header: MessageHeader; code: ClientErrorCode };

/** The connector answers IN_PROGRESS with Retry-After: 2 after waiting itself; a few automatic tries before the rep is asked. */
const IN_PROGRESS_RETRY_MS = 2_000;
const IN_PROGRESS_ATTEMPTS = 3;

const address = (a: { emailAddress: string; displayName: string }) => ({ name: a.displayName, email: a.emailAddress });

/**
 * Archiving the selected e-mail on the card's company and person. On open it asks whether the
 * message is archived already; answers for another item than `itemKey` are dropped.
 */
export function useArchive({ api, office, itemKey, companyId, personId }: { api: ApiClient; office: OfficeAdapter; itemKey: string; companyId: number; personId: number | null }) {
  const [state, setState] = useState<ArchiveState>({ status: "checking" });
  const alive = useRef(true);
  const current = useCallback(() => alive.current && office.isCurrent(itemKey), [office, itemKey]);

  useEffect(() => {
    alive.current = true;
    const controller = new AbortController();
    (async () => {
      const header = await office.readMessageHeader().catch(() => null);
      if (!current()) return;
      if (!header || header.item.key !== itemKey) return setState({ status: "unavailable" });
      try {
        const status = await archiveStatus(api, header.messageId, controller.signal);
        if (!current()) return;
        setState(
          status.archived
            ? { status: "archived", archivedAt: status.document.archivedAt, asText: false, company: { id: status.document.companyId, name: status.document.companyName } }
            : { status: "ready", header },
        );
      } catch {
        // Archiving is idempotent on the connector: when the check fails the action stays usable.
        if (current() && !controller.signal.aborted) setState({ status: "ready", header });
      }
    })();
    return () => {
      alive.current = false;
      controller.abort();
    };
  }, [api, office, itemKey, current]);

  const archive = useCallback(async () => {
    if (state.status !== "ready" && state.status !== "error") return;
    const { header } = state;
    setState({ status: "archiving", header });
    try {
      const content = await office.readMessageContent(itemKey);
      // Checked here: the connector would refuse it (413) however often it is sent.
      if (content.kind === "eml" ? content.base64.length > MAX_EML_BASE64 : content.body.length > MAX_TEXT_BODY) {
        if (current()) setState({ status: "error", header, code: "TOO_LARGE" });
        return;
      }
      const request = {
        companyId,
        personId,
        messageId: header.messageId,
        subject: header.subject,
        from: header.from ? address(header.from) : { name: "", email: office.user.email },
        to: header.to.map(address),
        cc: header.cc.map(address),
        date: header.date,
        content,
      };
      // Another pane or an earlier click is archiving the same message: ask again after its Retry-After.
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await archiveEmail(api, request);
          if (current()) {
            setState({
              status: "archived",
              archivedAt: result.archivedAt,
              asText: !result.alreadyArchived && content.kind === "text",
              company: { id: result.companyId, name: result.companyName },
            });
          }
          return;
        } catch (error) {
          if (toClientError(error).code !== "IN_PROGRESS" || attempt >= IN_PROGRESS_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, IN_PROGRESS_RETRY_MS));
          if (!current()) return;
        }
      }
    } catch (error) {
      if (current()) setState({ status: "error", header, code: error instanceof OfficeCallError ? "OFFICE" : toClientError(error).code });
    }
  }, [api, office, itemKey, companyId, personId, state, current]);

  return { state, archive };
}
