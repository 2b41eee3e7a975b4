// One measurement field (weight, length, head circumference): decimal keyboard, comma or point,
// marked invalid when the server refused it. Used by the form that adds a measurement and by the
// one that corrects it.

export function MeasureInput(props: {
  name: string;
  label: string;
  value: string;
  invalid: boolean;
  onValue: (text: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        inputMode="decimal"
        autoComplete="off"
        value={props.value}
        aria-invalid={props.invalid ? 'true' : undefined}
        onInput={(e) => props.onValue((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}
