import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffRecords } from "../src/cli/diff.js";
import { compareVersions, minimumVersion } from "../src/versioning.js";
import { recordSnapshot, snapshotRecords, type ReleaseSnapshot } from "../scripts/lib/snapshot.js";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

describe("minimumVersion", () => {
  it("should bump major, minor and patch from 1.x as SemVer says", () => {
    expect(minimumVersion("1.4.2", "major")).toBe("2.0.0");
    expect(minimumVersion("1.4.2", "minor")).toBe("1.5.0");
    expect(minimumVersion("1.4.2", "patch")).toBe("1.4.3");
    expect(minimumVersion("1.4.2", "none")).toBe("1.4.2");
  });

  it("should shift each level down one place while the major version is 0", () => {
    expect(minimumVersion("0.1.0", "major")).toBe("0.2.0");
    expect(minimumVersion("0.1.0", "minor")).toBe("0.1.1");
    expect(minimumVersion("0.1.0", "patch")).toBe("0.1.1");
  });
});

describe("the version in package.json", () => {
  const snapshots = readdirSync("corpus/releases")
    .map((f) => JSON.parse(readFileSync(`corpus/releases/${f}`, "utf8")) as ReleaseSnapshot)
    .filter((s) => compareVersions(s.version, pkg.version) <= 0)
    .sort((a, b) => compareVersions(b.version, a.version));
  const previous = snapshots[0];

  it("should have a release snapshot at or below it to compare against", () => {
    expect(previous, "corpus/releases/ has no snapshot at or below the package version").toBeDefined();
  });

  it("should be at least the bump that the data changes since the last release snapshot require", () => {
    const current = recordSnapshot(".", pkg.version);
    const diff = diffRecords(snapshotRecords(previous!), snapshotRecords(current));
    const schemaBreak = previous!.schemaVersion.split(".")[0] !== current.schemaVersion.split(".")[0];
    const bump = schemaBreak ? "major" : diff.requiredBump;
    const required = bump === "none" ? previous!.version : minimumVersion(previous!.version, bump);
    const changed = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
    expect(compareVersions(pkg.version, required), `data changed since ${previous!.version} (${changed}): expected version >= ${required}, found ${pkg.version}`).toBeGreaterThanOrEqual(0);
    if (bump !== "none") expect(pkg.version, `data changed since ${previous!.version} (${changed}) but the version did not`).not.toBe(previous!.version);
  });

  it("should have an entry in CHANGELOG.md", () => {
    const changelog = readFileSync("CHANGELOG.md", "utf8");
    expect(changelog).toMatch(new RegExp(`^## \\[?${pkg.version.replace(/\./g, "\\.")}\\]?`, "m"));
  });

  it("should equal the dataset version in the manifest", () => {
    expect(JSON.parse(readFileSync("corpus/manifest.json", "utf8")).version).toBe(pkg.version);
  });
});
