import "../testing/jsdomShims";
import { render, screen, waitFor } from "@testing-library/react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createSimulatedOffice } from "../preview/simulatedOffice";
import { REP } from "../testing/fixtures";
import { createPaneProps } from "./bootstrap";
import { PaneApp } from "./PaneApp";

/** The CSS variables FluentProvider writes for the theme it was given. */
const themeCss = () =>
  [...document.styleSheets]
    .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
    .join("\n");

function renderWithTheme(dark: boolean) {
  const sim = createSimulatedOffice({ rep: REP, displayLanguage: "en-GB", dark });
  // No item: the pane needs no connector to show its frame.
  sim.select(null);
  const props = createPaneProps(sim.office, { baseUrl: "http://localhost", fetchImpl: () => new Promise<Response>(() => undefined) });
  return render(<PaneApp {...props} />);
}

describe("theme as Outlook has it", () => {
  it("renders light at once", () => {
    renderWithTheme(false);
    expect(screen.getByRole("heading", { name: "Kundrytm" })).toBeTruthy();
    expect(themeCss()).toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1};`);
  });

  it("renders dark once the dark theme's chunk is in, never light first", async () => {
    renderWithTheme(true);
    expect(screen.queryByRole("heading", { name: "Kundrytm" })).toBeNull();
    await screen.findByRole("heading", { name: "Kundrytm" });
    await waitFor(() => expect(themeCss()).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1};`));
    expect(themeCss()).not.toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1};`);
  });
});
