import { describe, expect, it } from "vitest";
import { levelFromKey, levelKey, levelLabel, levelPercent } from "./confidence-level.js";

describe("levelKey: a confidence level's name", () => {
  it("keeps the names of ordinary levels", () => {
    expect([0.8, 0.9, 0.95, 0.99, 0.999].map(levelKey)).toEqual(["80", "90", "95", "99", "99.9"]);
    expect(levelLabel(0.95)).toBe("95%");
    expect(levelPercent(0.999)).toBe(99.9);
  });

  it("uses as many digits as the level needs, so that near levels keep distinct names", () => {
    expect(levelKey(0.9995)).toBe("99.95");
    expect(levelKey(0.99951)).toBe("99.951");
    expect(levelKey(0.975)).toBe("97.5");
    expect(levelKey(0.07)).toBe("7");
    expect(levelKey(0.5)).toBe("50");
    expect(levelKey(1e-7)).toBe("0.00001");
  });

  it("never names a level 100%", () => {
    expect(levelLabel(0.999999)).toBe("99.9999%");
    expect(levelKey(0.99999999)).toBe("99.999999");
    expect(levelKey(0.9999999999999999)).toBe("99.99999999999999");
  });

  it("reads a computed level to 15 significant digits (1 − 0.062 is 0.9380000000000001 in floating point)", () => {
    expect(levelKey(1 - 0.062)).toBe("93.8");
    expect(levelKey(1 - 0.05)).toBe("95");
    // closer than 15 digits tell apart: one name (a plan that asks for both is refused)
    expect(levelKey(0.9500000000000001)).toBe("95");
  });

  it("levelFromKey gives back the level itself, not the key / 100", () => {
    expect(levelFromKey("99.9")).toBe(0.999); // 99.9 / 100 is 0.9990000000000001
    expect(levelFromKey("99.951")).toBe(0.99951);
    expect(levelFromKey("95")).toBe(0.95);
  });
});
