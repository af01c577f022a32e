import { undeliveredAlertId } from "./undelivered-alert-id";

describe("undeliveredAlertId", () => {
  it("is fixed per action id (archived alerts depend on it) and differs between actions", () => {
    expect(undeliveredAlertId("act-1")).toBe(undeliveredAlertId("act-1"));
    expect(undeliveredAlertId("act-1")).not.toBe(undeliveredAlertId("act-2"));
    expect(undeliveredAlertId("act-1")).toMatch(/^undelivered-[0-9a-f]{32}$/);
  });
});
