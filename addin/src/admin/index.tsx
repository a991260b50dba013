import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { AdminApp, SECTIONS, type SectionKey } from "./AdminApp";
import { initialLanguage } from "./i18n";

const container = document.getElementById("root");
if (!container) throw new Error("admin/index.html has no #root");
const params = new URLSearchParams(window.location.search);
const section = SECTIONS.find((s) => s === params.get("section")) ?? ("policy" satisfies SectionKey);

// A sign-in redirect returns with its answer in the fragment; the page's own state lives in the query.
createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <AdminApp
      baseUrl={window.location.origin}
      redirectUri={new URL("/admin/", window.location.origin).toString()}
      initial={{ language: initialLanguage(window.location.search, navigator.language), rep: params.get("rep"), section }}
      onNavigate={(state) => {
        const query = new URLSearchParams({ lang: state.language, section: state.section });
        if (state.rep) query.set("rep", state.rep);
        window.history.replaceState(window.history.state, "", `${window.location.pathname}?${query}${window.location.hash}`);
      }}
    />
  </FluentProvider>,
);
