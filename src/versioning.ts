/**
 * The dataset's SemVer rule (VERSIONING.md): ids removed or renamed, or a schema major change →
 * major; records or fields added → minor; existing records corrected → patch. While the major
 * version is 0, each level shifts down one place (major → minor, minor → patch), as npm's caret
 * ranges expect: `^0.1.0` accepts 0.1.x only.
 */
export type Bump = "none" | "patch" | "minor" | "major";

const parse = (version: string): [number, number, number] => {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`expected a SemVer version such as 1.2.3, found ${JSON.stringify(version)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};

/** The number a change of each size bumps while the major version is 0. */
export const BUMP_AT_MAJOR_ZERO = { major: "minor", minor: "patch", patch: "patch" } as const;

/** The smallest version after `previous` that a change of size `bump` allows. */
export function minimumVersion(previous: string, bump: Bump): string {
  const [major, minor, patch] = parse(previous);
  if (bump === "none") return previous;
  const level = major === 0 ? BUMP_AT_MAJOR_ZERO[bump] : bump;
  if (level === "major") return `${major + 1}.0.0`;
  if (level === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** -1, 0 or 1 as `a` is lower than, equal to or higher than `b` (release versions only). */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}
