/// Random test cases from `scripts/property/merge_patch_cases.py`, for property tests.
public enum PropertyCases {
    /// The path of the generator script.
    public static let script = Fixtures.repositoryRoot + "/scripts/property/merge_patch_cases.py"

    /// Runs the generator with `python3` (from `PATH`) and returns its lines, one JSON case each.
    /// - Throws: `MockProcessError` when the script fails (for example when `json-merge-patch` is not installed:
    ///   scripts/setup.sh installs it) or prints the wrong number of cases.
    public static func generate(mode: String, seed: Int, count: Int) throws -> [String] {
        let result = try runCommand("/usr/bin/env", ["python3", script, mode, "--seed", "\(seed)", "--count", "\(count)"])
        guard result.status == 0 else {
            throw MockProcessError(message: "\(script) exited \(result.status): \(result.stderr)")
        }
        let lines = result.stdout.split(separator: "\n").map(String.init)
        guard lines.count == count else {
            throw MockProcessError(message: "\(script) printed \(lines.count) cases, not \(count)")
        }
        return lines
    }
}
