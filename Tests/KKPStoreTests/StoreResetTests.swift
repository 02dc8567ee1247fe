import KKPCore
import KKPStore
import KKPTesting
import Testing

extension ClusterDocuments {
    /// The documents with another name.
    func renamed(_ name: String) -> ClusterDocuments {
        var documents = self
        documents.intent["name"] = .string(name)
        documents.effective["name"] = .string(name)
        return documents
    }
}

/// `reset(to:)`: both stores go back to a fixture set in one step, as if created from it.
struct StoreResetTests {
    typealias IDs = Fixtures.IDs

    func relabel(_ documents: ClusterDocuments) -> ClusterDocuments {
        var documents = documents
        documents.intent.setValue(.string("changed"), at: ["labels", "env"])
        documents.effective.setValue(.string("changed"), at: ["labels", "env"])
        return documents
    }

    @Test(arguments: StoreKind.allCases)
    func resetUndoesUpdatesDeletesAndInserts(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let fixtures = try Fixtures.load()
            let before = try store.clusters(projectID: IDs.demoProject)
            _ = try store.updateCluster(id: IDs.staging) { relabel($0.documents) }
            try store.deleteCluster(id: IDs.prod, projectID: IDs.demoProject)
            let copy = fixtures.clusters[0]
            var documents = copy.documents
            documents.intent["name"] = "copy"
            try store.insertCluster(id: "bbbbbbbbbc", projectID: IDs.demoProject, seed: copy.seed, documents: documents)

            try store.reset(to: fixtures)
            #expect(try store.clusters(projectID: IDs.demoProject) == before)
            #expect(try store.cluster(id: "bbbbbbbbbc") == nil)
            #expect(store.directory == fixtures.directory)
            // Resource versions start again from the fixtures' count.
            let next = try store.updateCluster(id: IDs.staging) { relabel($0.documents) }
            #expect(next.resourceVersion == fixtures.clusters.count + 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func readsOfOneClusterFollowEveryWriteAndTheReset(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let fixtures = try Fixtures.load()
            let original = try #require(try store.cluster(id: IDs.staging))  // read, so a cache holds it
            let updated = try store.updateCluster(id: IDs.staging) { relabel($0.documents) }
            #expect(try store.cluster(id: IDs.staging) == updated)
            _ = try #require(try store.cluster(id: IDs.prod))
            try store.deleteCluster(id: IDs.prod, projectID: IDs.demoProject)
            #expect(try store.cluster(id: IDs.prod) == nil)
            #expect(try store.cluster(id: "bbbbbbbbbc") == nil)
            let inserted = try store.insertCluster(
                id: "bbbbbbbbbc", projectID: IDs.demoProject, seed: original.seed, documents: fixtures.clusters[0].documents.renamed("copy"))
            #expect(try store.cluster(id: "bbbbbbbbbc") == inserted)
            try store.reset(to: fixtures)
            #expect(try store.cluster(id: IDs.staging) == original)
            #expect(try store.cluster(id: IDs.prod)?.id == IDs.prod)
            #expect(try store.cluster(id: "bbbbbbbbbc") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func resetToAnotherFixtureSetReplacesTheReferenceData(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let variant = try Fixtures.loadVariant()
            try store.reset(to: variant)
            #expect(store.directory == variant.directory)
            #expect(store.directory.catalog.defaultVersion == SemanticVersion(parsing: "1.20.2"))
            #expect(try store.clusters(projectID: IDs.demoProject).map(\.id) == [IDs.staging])
            #expect(try store.clusters(projectID: IDs.platformProject).isEmpty)
            let staging = try #require(try store.cluster(id: IDs.staging))
            #expect(try JSONValue(parsing: staging.effectiveJSON)["name"] == "staging-variant")
            #expect(staging.resourceVersion == 1)

            try store.reset(to: try Fixtures.load())
            #expect(try store.clusters(projectID: IDs.platformProject).count == 2)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func readsDuringResetsSeeOneStateOrTheOther(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let fixtures = try Fixtures.load()
            let variant = try Fixtures.loadVariant()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for n in 0..<20 { try store.reset(to: n.isMultiple(of: 2) ? variant : fixtures) }
                }
                group.addTask {
                    for _ in 0..<200 {
                        let count = try store.clusters(projectID: IDs.demoProject).count
                        #expect(count == 1 || count == 3)
                    }
                }
                try await group.waitForAll()
            }
            try store.reset(to: fixtures)
            #expect(try store.clusters(projectID: IDs.demoProject).count == 3)
        }
    }
}
