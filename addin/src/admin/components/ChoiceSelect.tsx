import { Select } from "@fluentui/react-components";

/** A drop-down of a fixed list of choices, each shown by its label; inside a Field, it takes the Field's label. */
export function ChoiceSelect<T extends string | number>(props: {
  value: T;
  choices: readonly T[];
  label: (choice: T) => string;
  onChange: (choice: T) => void;
  testId?: string;
}) {
  return (
    <Select
      value={String(props.value)}
      onChange={(_, d) => {
        const choice = props.choices.find((c) => String(c) === d.value);
        if (choice !== undefined) props.onChange(choice);
      }}
      data-testid={props.testId}
    >
      {props.choices.map((c) => (
        <option key={c} value={String(c)}>
          {props.label(c)}
        </option>
      ))}
    </Select>
  );
}
