import { Caption1, makeStyles, MessageBar, MessageBarBody, tokens as theme } from "@fluentui/react-components";
import { useServices } from "../../../app/services";
import { useI18n } from "../../../i18n/I18nProvider";
import { useSignedInAccount } from "../hooks/useSignedInAccount";

const useStyles = makeStyles({
  who: { color: theme.colorNeutralForeground3, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

/**
 * "Signed in as …" (`who`, at the pane's foot), and a warning when the token is for another account than
 * the mailbox's (`warning`, at its top: a known NAA pitfall with several accounts in Outlook).
 */
export function SignedInAs({ part }: { part?: "who" | "warning" } = {}) {
  const { tokens, office } = useServices();
  const { t } = useI18n();
  const styles = useStyles();
  const account = useSignedInAccount({ tokens });
  if (!account) return null;
  const mismatch = account.username.toLowerCase() !== office.user.email.toLowerCase();
  const who = part !== "warning";
  const warning = part !== "who";
  return (
    <>
      {who && (
      <Caption1 className={styles.who} data-testid="signed-in-as" title={account.username}>
        {t.signedInAs(account.name ?? account.username)}
      </Caption1>
      )}
      {warning && mismatch && (
        <MessageBar intent="warning" data-testid="account-mismatch">
          <MessageBarBody>{t.accountMismatch(account.username, office.user.email)}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
