import { Badge, Caption1, type BadgeProps } from "@fluentui/react-components";
import type { CardTierMove } from "../../../../../shared/api/card";
import type { TierStatus } from "../../../../../shared/domain/vocabulary";
import { assertNever } from "../../../../../shared/domain/vocabulary";
import { useI18n } from "../../../i18n/I18nProvider";
import { formatDayMonth } from "../../../i18n/language";

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

/** A recent move of the tier, e.g. "Moved up from B on 2 Nov"; the date in the reader's time zone. */
export function TierMoveNote({ move, className }: { move: CardTierMove; className?: string }) {
  const { t, locale } = useI18n();
  return (
    <Caption1 className={className} data-testid="tier-move" data-move={move.kind}>
      {t.tierMove[move.kind](move.from, formatDayMonth(move.date, locale))}
    </Caption1>
  );
}
