import { ACCOUNT_TYPES, POTENTIALS, TIERS } from "./vocabulary";
import { defaultPolicy, FrequencyPolicySchema, intervalWeeks, policyCell, validatePolicy } from "./policy";

describe("frequency policy", () => {
  const policy = defaultPolicy();

  it("defaults: A every 4 weeks, B 8, C 13, D digital only when kept", () => {
    expect(policyCell(policy, { tier: "A", potential: "A", accountType: "keep" })).toEqual({ personalWeeks: 4, digitalWeeks: 2 });
    expect(intervalWeeks(policy, { tier: "B", potential: "B", accountType: "keep" }, "personal")).toBe(8);
    expect(intervalWeeks(policy, { tier: "C", potential: "C", accountType: "keep" }, "personal")).toBe(13);
    expect(intervalWeeks(policy, { tier: "D", potential: "D", accountType: "keep" }, "personal")).toBeNull();
    expect(intervalWeeks(policy, { tier: "D", potential: "D", accountType: "keep" }, "digital")).toBe(8);
  });

  it("Expand shortens, never lengthens; Keep keeps the tier's interval whatever the potential", () => {
    for (const tier of TIERS) {
      for (const potential of POTENTIALS) {
        const keep = policyCell(policy, { tier, potential, accountType: "keep" });
        const expand = policyCell(policy, { tier, potential, accountType: "expand" });
        expect(keep).toEqual(policyCell(policy, { tier, potential: tier, accountType: "keep" }));
        expect(expand.personalWeeks).not.toBeNull();
        if (keep.personalWeeks !== null) expect(expand.personalWeeks!).toBeLessThan(keep.personalWeeks === 2 ? 3 : keep.personalWeeks);
        expect(expand.digitalWeeks!).toBeLessThanOrEqual(keep.digitalWeeks!);
      }
    }
    expect(intervalWeeks(policy, { tier: "C", potential: "C", accountType: "expand" }, "personal")).toBe(8);
    expect(intervalWeeks(policy, { tier: "D", potential: "A", accountType: "expand" }, "personal")).toBe(4);
    expect(intervalWeeks(policy, { tier: "D", potential: "D", accountType: "expand" }, "personal")).toBe(13);
  });

  it("reads a missing potential as the tier and a missing account type as Keep", () => {
    expect(policyCell(policy, { tier: "B", potential: null, accountType: null })).toEqual(policyCell(policy, { tier: "B", potential: "B", accountType: "keep" }));
  });

  it("accepts the default matrix and round-trips it through the schema", () => {
    const result = validatePolicy(JSON.parse(JSON.stringify(policy)));
    expect(result).toEqual({ ok: true, policy });
    expect(FrequencyPolicySchema.parse(policy)).toEqual(policy);
  });

  it("reports every bad cell with a readable message, and nothing else", () => {
    const input = JSON.parse(JSON.stringify(policy));
    input.matrix.A.B.expand.personalWeeks = 0;
    input.matrix.B.C.keep.digitalWeeks = 2.5;
    input.matrix.C.A.keep.personalWeeks = 200;
    input.matrix.D.D.keep = { personalWeeks: null, digitalWeeks: null };
    input.matrix.D.A.expand.personalWeeks = "often";
    delete input.matrix.C.D.expand;
    const result = validatePolicy(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.path.join("."), e.code])).toEqual([
      ["matrix.A.B.expand.personalWeeks", "too-short"],
      ["matrix.B.C.keep.digitalWeeks", "not-whole-weeks"],
      ["matrix.C.A.keep.personalWeeks", "too-long"],
      ["matrix.C.D.expand", "missing"],
      ["matrix.D.A.expand.personalWeeks", "not-a-number"],
      ["matrix.D.D.keep", "no-contact"],
    ]);
    expect(result.errors[0]!.message).toBe("Tier A, potential B, Expand: personal interval 0 weeks is shorter than 1 week.");
    expect(result.errors[0]!.cell).toEqual({ tier: "A", potential: "B", accountType: "expand" });
    expect(result.errors[5]!.message).toMatch(/Tier D, potential D, Keep: neither personal nor digital/);
  });

  it("reports a missing matrix or row", () => {
    expect(validatePolicy(null)).toEqual({ ok: false, errors: [expect.objectContaining({ code: "missing", path: ["matrix"] })] });
    const input = JSON.parse(JSON.stringify(policy));
    delete input.matrix.B;
    const result = validatePolicy(input);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual(["Tier B: the row is missing."]);
  });

  it("has one cell per tier, potential and account type", () => {
    let cells = 0;
    for (const t of TIERS) for (const p of POTENTIALS) for (const a of ACCOUNT_TYPES) if (policy.matrix[t][p][a]) cells++;
    expect(cells).toBe(32);
  });
});
