import { Field, Input, makeStyles } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { dateTextPattern, formatDateText, parseDateText } from "../i18n/dateText";
import { useI18n } from "../i18n/I18nProvider";

const useStyles = makeStyles({
  // As narrow as its column: an input's default width (20 characters) would push a 320 px pane sideways.
  field: { minWidth: 0 },
  input: { width: "100%", minWidth: 0 },
});

/**
 * A date typed as the pane's locale writes it, in one field (one Tab stop), instead of the browser's
 * date input, which follows the browser's language rather than the pane's. `value` and `onChange` are
 * yyyy-MM-dd ("" for none); text that is no date yet is kept and reported, and put back on leaving the field.
 */
export function DateField(props: { label: string; value: string; onChange: (isoDate: string) => void; required?: boolean; hint?: string; testId: string }) {
  const { value, onChange, required, testId } = props;
  const { t, locale } = useI18n();
  const [text, setText] = useState(() => formatDateText(value, locale));
  const [textFor, setTextFor] = useState(value);
  const [invalid, setInvalid] = useState(false);
  const focused = useRef(false);
  // A value set from outside (a proposed date, a new draft) shows, unless the rep is typing here.
  if (value !== textFor && !focused.current) {
    setTextFor(value);
    setText(formatDateText(value, locale));
  }
  const styles = useStyles();
  const pattern = dateTextPattern(locale, t.dateLetters);
  return (
    <Field
      className={styles.field}
      label={props.label}
      required={required}
      hint={invalid ? undefined : props.hint}
      validationState={invalid ? "error" : "none"}
      validationMessage={invalid ? t.dateFormat(pattern) : undefined}
    >
      <Input
        className={styles.input}
        value={text}
        placeholder={pattern}
        inputMode="numeric"
        autoComplete="off"
        required={required}
        data-testid={testId}
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false;
          setInvalid(false);
          setTextFor(value);
          setText(formatDateText(value, locale));
        }}
        onChange={(_, d) => {
          setText(d.value);
          const parsed = d.value.trim() === "" ? "" : parseDateText(d.value, locale);
          setInvalid(parsed === null);
          if (parsed === null) return;
          setTextFor(parsed);
          onChange(parsed);
        }}
      />
    </Field>
  );
}
