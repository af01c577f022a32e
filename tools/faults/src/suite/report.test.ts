import { RESTART_EXIT_CODE } from "@redline/common";
import { exitsOf } from "./report";
import { isCrash, type ExitRecord } from "./supervisor";

const at = Date.UTC(2026, 11, 3, 22, 0, 5);
const exit = (over: Partial<ExitRecord>): ExitRecord => ({ service: "risk-engine", pid: 1, result: 0, expected: true, atMs: at, ...over });

describe("the processes cell", () => {
  it("counts a service's request for a restart (exit 75) as a restart, not a crash", () => {
    const requested = exit({ result: RESTART_EXIT_CODE, expected: false, restartedAs: 42 });
    expect(isCrash(requested)).toBe(false);
    expect(exitsOf({ exits: [requested, exit({}), exit({ service: "archiver" })] })).toBe(
      "0 crashes, 1 restarted by the supervisor (risk-engine exit 75 at 22:00:05), 2/2 clean stops",
    );
  });

  it("counts any other exit the suite did not cause as a crash, restarted all the same", () => {
    const crashed = exit({ result: 1, expected: false, restartedAs: 43 });
    const killed = exit({ result: "SIGKILL", expected: false });
    expect(isCrash(crashed)).toBe(true);
    expect(isCrash(killed)).toBe(true);
    expect(exitsOf({ exits: [crashed, killed, exit({ result: 1 })] })).toBe(
      "2 crashes, 2 restarted by the supervisor (risk-engine exit 1 at 22:00:05; risk-engine exit SIGKILL at 22:00:05, not restarted: the run was ending), 0/1 clean stops",
    );
  });

  it("does not count what the suite killed or stopped", () => {
    expect(exitsOf({ exits: [exit({ result: "SIGKILL" }), exit({})] })).toBe("0 crashes, 0 restarts, 1/1 clean stops");
  });
});
