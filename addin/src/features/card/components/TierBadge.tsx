import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { TierStatus } from "../../../../../shared/domain/vocabulary";
import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useI18n } from "../../../i18n/I18nProvider";

function colorOf(status: TierStatus): BadgeProps["color"] {
  switch (status) {
    case "A":
      return "brand";
    case "B":
      return "success";
    case "C":
      return "warning";
    case "D":
      return "informative";
    case "former":
      return "subtle";
    default:
      return assertNever(status, "tier status");
  }
}

/** The tier as a badge (letter) beside its label; "former" reads as former customer. */
export function TierBadge({ status }: { status: TierStatus | null }) {
  const { t } = useI18n();
  if (!status) {
    return (
      <Badge appearance="outline" color="subtle" data-tier="none">
        {t.noTier}
      </Badge>
    );
  }
  return (
    <Badge appearance="filled" color={colorOf(status)} data-tier={status} aria-label={t.tierNames[status]}>
      {t.tierNames[status]}
    </Badge>
  );
}
