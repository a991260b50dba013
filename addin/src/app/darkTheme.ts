// Its own chunk: most reps run Outlook light, and the first download should not carry both themes.
export { webDarkTheme as default } from "@fluentui/react-components";
