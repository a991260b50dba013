import "../../../testing/jsdomShims";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen } from "@testing-library/react";
import type { PaneTokenSource, SignedInAccount } from "../../../api/auth";
import { createApiClient } from "../../../api/client";
import { createOutbox } from "../../activity/utils/outbox";
import { ServicesProvider } from "../../../app/services";
import { I18nProvider } from "../../../i18n/I18nProvider";
import { sv } from "../../../i18n/messages.sv";
import { createOfficeAdapter } from "../../../office/adapter";
import { createSimulatedOffice } from "../../../preview/simulatedOffice";
import { REP } from "../../../testing/fixtures";
import { SignedInAs } from "./SignedInAs";

/** A token source whose account the test sets, as NAA would after a sign-in. */
function tokensWith(initial: SignedInAccount | null) {
  let account = initial;
  const listeners = new Set<() => void>();
  const tokens: PaneTokenSource = {
    getToken: async () => "t",
    invalidate: () => undefined,
    account: () => account,
    onAccountChange: (l) => (listeners.add(l), () => listeners.delete(l)),
  };
  return { tokens, signIn: (a: SignedInAccount) => ((account = a), listeners.forEach((l) => l())) };
}

function renderWith(tokens: PaneTokenSource, language: "en" | "sv" = "en") {
  const office = createOfficeAdapter(createSimulatedOffice({ rep: REP, displayLanguage: "en-GB" }).office);
  const api = createApiClient({ baseUrl: "http://localhost", tokens });
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider language={language} messages={language === "sv" ? sv : undefined}>
        <ServicesProvider services={{ office, api, tokens, itemCheckMs: 1000, storage: window.localStorage, outbox: createOutbox({ storage: window.localStorage, send: api.logActivity }) }}>
          <SignedInAs />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe("SignedInAs", () => {
  it("shows nothing before the first sign-in, then the account", () => {
    const { tokens, signIn } = tokensWith(null);
    renderWith(tokens);
    expect(screen.queryByTestId("signed-in-as")).toBeNull();
    act(() => signIn({ username: REP.email, name: "Anna Lind" }));
    expect(screen.getByTestId("signed-in-as").textContent).toBe("Signed in as Anna Lind");
    expect(screen.queryByTestId("account-mismatch")).toBeNull();
  });

  it("warns when the token belongs to another account than the mailbox", () => {
    const { tokens } = tokensWith({ username: "anna@private.example", name: null });
    renderWith(tokens, "sv");
    expect(screen.getByTestId("signed-in-as").textContent).toBe("Inloggad som anna@private.example");
    expect(screen.getByTestId("account-mismatch").textContent).toContain(REP.email);
  });
});
