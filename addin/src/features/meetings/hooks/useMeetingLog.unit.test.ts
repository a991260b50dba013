import { act, renderHook, waitFor } from "@testing-library/react";
import type { ApiClient } from "../../../api/client";
import { useMeetingLog } from "./useMeetingLog";
import type { MeetingCompany } from "./useMeetingPrep";

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("useMeetingLog", () => {
  const company = (id: number) => ({ card: { company: { id, name: `Company ${id}` } }, people: [] }) as unknown as MeetingCompany;
  const meeting = { start: new Date("2026-11-02T09:00:00Z"), end: new Date("2026-11-02T10:00:00Z") };

  it("an answer that arrives after a newer question does not overwrite the newer answer", async () => {
    const answers = new Map<number, ReturnType<typeof deferred<{ logged: boolean }>>>();
    const api = {
      // Like a connector answering after the request was cancelled: the signal is not honoured.
      getLogged: (companyId: number) => {
        const d = deferred<{ logged: boolean }>();
        answers.set(companyId, d);
        return d.promise;
      },
    } as unknown as ApiClient;
    const now = () => new Date("2026-11-03T12:00:00Z").getTime();
    const { result, rerender } = renderHook((props: { companies: MeetingCompany[] }) => useMeetingLog({ api, meeting, companies: props.companies, now }), {
      initialProps: { companies: [company(1)] },
    });
    rerender({ companies: [company(2)] });
    await act(async () => answers.get(2)!.resolve({ logged: true }));
    await waitFor(() => expect(result.current.state).toMatchObject({ status: "checked", unlogged: [] }));
    await act(async () => answers.get(1)!.resolve({ logged: false }));
    expect(result.current.state).toMatchObject({ status: "checked", unlogged: [] });
  });
});
