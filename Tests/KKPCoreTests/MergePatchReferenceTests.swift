import KKPCore
import KKPTesting
import Testing

/// Property test: `MergePatch.apply` against a reference implementation (PyPI `json-merge-patch`) on random documents.
///
/// `scripts/property/merge_patch_cases.py` generates the cases from a fixed seed and computes the reference result;
/// scripts/setup.sh installs the package (scripts/requirements.txt).
struct MergePatchReferenceTests {
    static let seeds = [7, 2026]
    static let casesPerSeed = 1000

    @Test(arguments: seeds)
    func applyAgreesWithTheReferenceImplementation(seed: Int) throws {
        let output = try PropertyCases.generate(mode: "unit", seed: seed, count: Self.casesPerSeed)
        var checked = 0
        var disagreements: [String] = []
        for line in output {
            let testCase = try JSONValue(parsing: line)
            let target = try #require(testCase["target"])
            let patch = try #require(testCase["patch"])
            let expected = try #require(testCase["result"])
            let result = MergePatch.apply(patch, to: target)
            // Equal as JSON values, and in member order too: the serialized forms are byte for byte the same.
            if result != expected || result.serialized() != expected.serialized() {
                disagreements.append(
                    "target \(target.serializedString) patch \(patch.serializedString): "
                        + "got \(result.serializedString), reference \(expected.serializedString)")
            }
            checked += 1
        }
        #expect(checked == Self.casesPerSeed)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.first ?? "")")
    }

    @Test func casesExerciseTheInterestingShapes() throws {
        // Guards the generator: a run that only merged empty objects would prove nothing.
        let lines = try PropertyCases.generate(mode: "unit", seed: Self.seeds[0], count: Self.casesPerSeed)
        var nullMembers = 0, nestedMerges = 0, nonObjectPatches = 0, changed = 0
        for line in lines {
            let testCase = try JSONValue(parsing: line)
            guard let target = testCase["target"], let patch = testCase["patch"], let result = testCase["result"] else { continue }
            if target != result { changed += 1 }
            guard let members = patch.objectValue else {
                nonObjectPatches += 1
                continue
            }
            for member in members {
                if member.value.isNull { nullMembers += 1 }
                if member.value.objectValue != nil, target[member.key]?.objectValue != nil { nestedMerges += 1 }
            }
        }
        #expect(nullMembers > 100)
        #expect(nestedMerges > 20)
        #expect(nonObjectPatches > 20)
        #expect(changed > Self.casesPerSeed / 2)
    }
}
