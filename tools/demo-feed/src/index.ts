/**
 * @redline/demo-feed — real-time demo traffic: simulated rooms moved in time
 * so their attacks start within a minute or two, an under-age streamer and a
 * consented 17-year-old, published when the wall clock reaches each event.
 *
 * @example
 * const { events, rooms } = demoScenario(1, Date.now());
 * await publishPaced(events, { producer, topicPrefix: "", tickMs: 200 });
 */
export { demoScenario } from "./demo-scenario";
export type { DemoRoom, DemoScenario } from "./demo-scenario";
export { publishPaced } from "./paced-publisher";
export type { PacedPublisherOptions } from "./paced-publisher";
