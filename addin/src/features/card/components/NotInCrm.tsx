import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useI18n } from "../../../i18n/I18nProvider";

/** The sender is not a person in the CRM. */
export function NotInCrm({ email }: { email: string }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="info" data-testid="not-in-crm">
      <MessageBarBody>
        <MessageBarTitle>{t.notInCrm}</MessageBarTitle>
        {t.notInCrmDetail(email)}
      </MessageBarBody>
    </MessageBar>
  );
}
