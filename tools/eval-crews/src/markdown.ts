/** The report's table helpers, shared by its sections. */
export const row = (cells: (string | number)[]): string => `| ${cells.join(" | ")} |`;
export const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
export const ratio = (n: number, d: number): string => (d === 0 ? "–" : (Math.round((n / d) * 1000) / 1000).toString());
