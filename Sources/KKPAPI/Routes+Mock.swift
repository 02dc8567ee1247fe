import MicroHTTP

extension Routes {
    /// Adds the mock-only routes to the table: `/healthz` and the admin API under `/__mock/`, all without a token.
    static func addMockRoutes(_ add: (HTTPMethod, String, String, @escaping Handler) -> Void) {
        add(.get, "/healthz", "healthz", AdminHandlers.health)
        add(.post, "/__mock/reset", "mockReset", AdminHandlers.reset)
        add(.get, "/__mock/journal", "mockGetJournal", AdminHandlers.journal)
        add(.delete, "/__mock/journal", "mockClearJournal", AdminHandlers.clearJournal)
        add(.get, "/__mock/faults", "mockListFaults", AdminHandlers.listFaults)
        add(.post, "/__mock/faults", "mockAddFault", AdminHandlers.addFault)
        add(.delete, "/__mock/faults", "mockRemoveAllFaults", AdminHandlers.removeAllFaults)
        add(.get, "/__mock/faults/{fault_id}", "mockGetFault", AdminHandlers.getFault)
        add(.delete, "/__mock/faults/{fault_id}", "mockRemoveFault", AdminHandlers.removeFault)
    }
}
