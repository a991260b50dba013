import { Button, Caption1, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Skeleton, SkeletonItem, Text, tokens } from "@fluentui/react-components";
import { useEffect } from "react";
import { useServices } from "../../../app/services";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useI18n } from "../../../i18n/I18nProvider";
import type { MeetingTimes } from "../../../office/adapter";
import type { Counterpart } from "../../../office/counterparts";
import { TierBadge } from "../../card/components/TierBadge";
import { useItemMessage, useMeetingLog } from "../hooks/useMeetingLog";
import { useMeetingPrep, type MeetingCompany } from "../hooks/useMeetingPrep";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  company: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  top: { display: "flex", alignItems: "center", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  actions: { flexWrap: "wrap", rowGap: tokens.spacingVerticalXS },
});

function CompanyLine({ company }: { company: MeetingCompany }) {
  const { t, formatDate } = useI18n();
  const styles = useStyles();
  const { card, people } = company;
  const contact = (label: string, when: string | undefined) => `${label}: ${when ? formatDate(when.slice(0, 10)) : t.none}`;
  return (
    <li className={styles.company} data-testid="prep-company" data-company-id={card.company.id}>
      <span className={styles.top}>
        <Text weight="semibold">{card.company.name}</Text>
        <TierBadge status={card.tier.status} />
      </span>
      <Caption1 className={styles.muted}>{t.meeting.attendees(people.map((p) => p.name).join(", "))}</Caption1>
      <Caption1 className={styles.muted}>
        {contact(t.lastContact, card.lastContact?.date)} · {contact(t.nextContact, card.nextContact?.date)}
      </Caption1>
      <Caption1 className={styles.muted}>
        {t.owner}: {card.owner?.name ?? t.noOwner}
      </Caption1>
    </li>
  );
}

/**
 * On an appointment: a prep view of the external attendees' companies and, once the meeting has
 * ended with nothing logged for a company, a banner offering to log it (also in Outlook's info bar).
 */
export default function MeetingView(props: {
  itemKey: string;
  meeting: MeetingTimes;
  people: Counterpart[];
  /** Changes after each activity saved from the pane: the log status is asked again. */
  savedCount: number;
  /** Opens the log form for this attendee. */
  onLog: (email: string) => void;
}) {
  const { itemKey, meeting, people, savedCount, onLog } = props;
  const { api, office } = useServices();
  const { t, formatDate } = useI18n();
  const styles = useStyles();
  const prep = useMeetingPrep({ api, people });
  const companies = prep.state.status === "ready" ? prep.state.companies : null;
  const log = useMeetingLog({ api, meeting, companies, now: Date.now });
  const { recheck } = log;
  useEffect(() => {
    if (savedCount > 0) recheck();
  }, [savedCount, recheck]);

  const unlogged = log.state.status === "checked" ? log.state.unlogged : [];
  const names = unlogged.map((c) => c.card.company.name).join(", ");
  useItemMessage({ office, itemKey, message: log.state.status !== "checked" ? undefined : unlogged.length > 0 ? t.meeting.notification(names) : null });

  return (
    <section className={styles.root} aria-label={t.meeting.prep} data-testid="meeting-prep" data-log-status={log.state.status}>
      {unlogged.length > 0 && log.state.status === "checked" && (
        <MessageBar intent="info" layout="multiline" data-testid="meeting-not-logged">
          <MessageBarBody>
            <MessageBarTitle>{t.meeting.ended(formatDate(log.state.date))}</MessageBarTitle>
            {t.meeting.notLogged(names)}
          </MessageBarBody>
          <MessageBarActions className={styles.actions}>
            {unlogged.map((c) => (
              <Button key={c.card.company.id} size="small" onClick={() => onLog(c.people[0]!.email)} data-testid="log-meeting">
                {t.meeting.logMeeting(c.card.company.name)}
              </Button>
            ))}
          </MessageBarActions>
        </MessageBar>
      )}
      {log.state.status === "error" && <ErrorNotice code={log.state.code} onRetry={recheck} />}
      <Text as="h2" weight="semibold" className={styles.heading}>
        {t.meeting.prep}
      </Text>
      {prep.state.status === "loading" && (
        <Skeleton aria-label={t.meeting.loading} aria-busy="true" role="progressbar">
          <SkeletonItem size={48} />
        </Skeleton>
      )}
      {prep.state.status === "error" && <ErrorNotice code={prep.state.code} onRetry={prep.reload} />}
      {prep.state.status === "ready" && (
        <>
          <ul className={styles.list}>
            {prep.state.companies.map((c) => (
              <CompanyLine key={c.card.company.id} company={c} />
            ))}
          </ul>
          {prep.state.notInCrm.length > 0 && (
            <Caption1 className={styles.muted} data-testid="prep-not-in-crm">
              {t.meeting.notInCrm(prep.state.notInCrm.map((p) => p.name).join(", "))}
            </Caption1>
          )}
          {prep.state.failed.length > 0 && (
            <>
              <Caption1 className={styles.muted} data-testid="prep-failed">
                {t.meeting.cardFailed(prep.state.failed.map((f) => f.person.name).join(", "))}
              </Caption1>
              <ErrorNotice code={prep.state.failed[0]!.code} onRetry={prep.reload} />
            </>
          )}
        </>
      )}
    </section>
  );
}
