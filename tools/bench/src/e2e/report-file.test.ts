import { RESULTS_END, RESULTS_START, withResults } from "./report-file";

describe("withResults", () => {
  it("replaces only the measured section, keeping the text around it", () => {
    const doc = `# P\n\nmethod\n\n${RESULTS_START}\n\nold table\n\n${RESULTS_END}\n\nconclusions\n`;
    const next = withResults(doc, "new table\n");
    expect(next).toBe(`# P\n\nmethod\n\n${RESULTS_START}\n\nnew table\n\n${RESULTS_END}\n\nconclusions\n`);
    expect(withResults(next, "newer")).toContain("newer");
    expect(withResults(next, "newer")).not.toContain("new table");
  });

  it("starts a file, or appends the section to one without markers", () => {
    expect(withResults(undefined, "t")).toBe(`# Performance\n\n${RESULTS_START}\n\nt\n\n${RESULTS_END}\n`);
    expect(withResults("# X\nprose\n", "t")).toBe(`# X\nprose\n\n${RESULTS_START}\n\nt\n\n${RESULTS_END}\n`);
  });
});
