import { useCallback, useEffect, useRef, useState } from "react";
import type { ItemRef, MeetingTimes, OfficeAdapter } from "../../../office/adapter";
import type { Counterpart } from "../../../office/counterparts";

export type PeopleState =
  | { status: "no-item" }
  | { status: "loading"; item: ItemRef }
  | { status: "ready"; item: ItemRef; counterparts: Counterpart[]; meeting: MeetingTimes | null }
  | { status: "error"; item: ItemRef };

/**
 * The selected Outlook item and its external people, following the selection of a pinned pane.
 * Never reports people for an item that is no longer selected: results are checked against the
 * current item when they arrive, and a periodic check covers hosts that miss ItemChanged.
 */
export function usePanePeople({ office, itemCheckMs }: { office: OfficeAdapter; itemCheckMs: number }) {
  const [state, setState] = useState<PeopleState>(() => {
    const item = office.currentItem();
    return item ? { status: "loading", item } : { status: "no-item" };
  });
  const generation = useRef(0);
  const shownKey = useRef<string | null>(null);

  const refresh = useCallback(() => {
    const gen = ++generation.current;
    const item = office.currentItem();
    shownKey.current = item?.key ?? null;
    if (!item) {
      setState({ status: "no-item" });
      return;
    }
    setState({ status: "loading", item });
    office.readPeople().then(
      (people) => {
        if (gen !== generation.current) return;
        // The selection moved while Outlook was answering: start over for the new item.
        if (!people || people.item.key !== item.key || !office.isCurrent(item.key)) return refresh();
        setState({ status: "ready", item: people.item, counterparts: people.counterparts, meeting: people.meeting });
      },
      () => {
        if (gen !== generation.current) return;
        if (!office.isCurrent(item.key)) return refresh();
        setState({ status: "error", item });
      },
    );
  }, [office]);

  useEffect(() => {
    refresh();
    // An ItemChanged for the item already shown (a host repeating the selection) changes nothing:
    // reloading would drop what the rep is doing on it.
    const check = () => {
      if (!office.isCurrent(shownKey.current)) refresh();
    };
    const unsubscribe = office.onItemChanged(check);
    const timer = setInterval(check, itemCheckMs);
    window.addEventListener("focus", check);
    return () => {
      generation.current++;
      unsubscribe();
      clearInterval(timer);
      window.removeEventListener("focus", check);
    };
  }, [office, refresh, itemCheckMs]);

  return { state, retry: refresh };
}
