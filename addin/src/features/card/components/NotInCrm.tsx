import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useI18n } from "../../../i18n/I18nProvider";

// A long address has no natural break: without this it pushes past a 320 px pane.
const useStyles = makeStyles({ body: { overflowWrap: "anywhere", minWidth: 0 } });

/** The sender is not a person in the CRM. */
export function NotInCrm({ email }: { email: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <MessageBar intent="info" data-testid="not-in-crm">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{t.notInCrm}</MessageBarTitle>
        {t.notInCrmDetail(email)}
      </MessageBarBody>
    </MessageBar>
  );
}
