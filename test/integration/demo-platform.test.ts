import { credentials, Metadata } from "@grpc/grpc-js";
import { formatAction, RecordingControlPlane } from "@redline/demo-platform";
import { ActionKind, ApplyStatus, ControlAction, ControlPlaneClient, RiskCategory, type ApplyAck } from "@redline/proto";

function action(actionId: string): ControlAction {
  return ControlAction.fromPartial({
    actionId,
    roomId: "room-demo",
    kind: ActionKind.ACTION_KIND_POPUP_PROMPT,
    category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
    subcategory: "FAKE_LIKES",
    issuedAtMs: Date.UTC(2026, 10, 1, 12, 0, 0),
  });
}

/** Issue 17: the demo platform logged an action only the first time and without its id. */
describe("demo platform log", () => {
  const lines: string[] = [];
  const platform = new RecordingControlPlane({ onCall: (call) => lines.push(formatAction(call)) });
  let client: ControlPlaneClient;

  beforeAll(async () => {
    const port = await platform.start();
    client = new ControlPlaneClient(`127.0.0.1:${port}`, credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await platform.stop();
  });

  const apply = (a: ControlAction) =>
    new Promise<ApplyAck>((resolve, reject) => client.apply(a, new Metadata(), { deadline: Date.now() + 5000 }, (e, ack) => (e ? reject(e) : resolve(ack!))));

  it("logs every Apply with its action id and whether it was a repeat", async () => {
    const acks = [await apply(action("act-1")), await apply(action("act-2")), await apply(action("act-1"))];
    expect(acks.map((a) => a.status)).toEqual([ApplyStatus.APPLY_STATUS_APPLIED, ApplyStatus.APPLY_STATUS_APPLIED, ApplyStatus.APPLY_STATUS_DUPLICATE]);
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => /id=(\S+) (APPLIED|REPEAT)/.exec(l)?.slice(1))).toEqual([
      ["act-1", "APPLIED"],
      ["act-2", "APPLIED"],
      ["act-1", "REPEAT"],
    ]);
  });
});
