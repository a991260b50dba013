import type { AssociateId } from "../../../shared/domain/vocabulary";
import { associateDirectory } from "./associate-directory";
import type { CrmAssociate } from "./port";

test("reads once per TTL, shares a read in flight, and does not keep a failure", async () => {
  let clock = 50_000;
  let calls = 0;
  let fail = false;
  const anna: CrmAssociate = { id: 7 as AssociateId, initials: "AL", fullName: "Anna Lindqvist", email: "anna@example.se", personId: null };
  const dir = associateDirectory(
    {
      listAssociates: async () => {
        calls++;
        if (fail) throw new Error("down");
        return [anna];
      },
    },
    1000,
    () => clock,
  );
  const [a, b] = await Promise.all([dir.list(), dir.list()]);
  expect([a, b, calls]).toEqual([[anna], [anna], 1]);
  clock = 50_999;
  await dir.list();
  expect(calls).toBe(1);
  clock = 51_001;
  fail = true;
  await expect(dir.list()).rejects.toThrow("down");
  fail = false;
  expect(await dir.list()).toEqual([anna]);
  expect(calls).toBe(3);
});
