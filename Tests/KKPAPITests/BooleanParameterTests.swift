import KKPCore
import KKPTesting
import MicroHTTP
import Testing

@testable import KKPAPI

/// Booleans in query parameters, read as Go's `strconv.ParseBool` reads them (KKP's `displayAll`).
struct BooleanParameterTests {
    @Test(arguments: [
        ("1", true), ("t", true), ("T", true), ("TRUE", true), ("true", true), ("True", true),
        ("0", false), ("f", false), ("F", false), ("FALSE", false), ("false", false), ("False", false),
    ])
    func goBooleansParse(_ text: String, _ value: Bool) {
        #expect(BooleanParameter.parse(text) == value)
    }

    @Test(arguments: ["", "null", "yes", "tRUE", " true", "2", "truee"])
    func anythingElseDoesNot(_ text: String) {
        #expect(BooleanParameter.parse(text) == nil)
    }

    @Test func displayAllThatIsNoBooleanIsA400WithKKPsMessage() throws {
        let harness = try APITestHarness()
        try harness.send(.get, "/api/v1/projects?displayAll=null", token: "admin-token")
            .expectError(400, #"wrong query parameter: strconv.ParseBool: parsing "null": invalid syntax"#)
        try harness.send(.get, "/api/v1/projects?displayAll=%22%0A", token: "admin-token")
            .expectError(400, #"wrong query parameter: strconv.ParseBool: parsing "\"\n": invalid syntax"#)
    }

    @Test func displayAllTakesEveryGoSpelling() throws {
        let harness = try APITestHarness()
        let all = try harness.send(.get, "/api/v1/projects?displayAll=true", token: "admin-token").json
        let own = try harness.send(.get, "/api/v1/projects", token: "admin-token").json
        #expect(all != own)
        #expect(try harness.send(.get, "/api/v1/projects?displayAll=1", token: "admin-token").json == all)
        #expect(try harness.send(.get, "/api/v1/projects?displayAll=T", token: "admin-token").json == all)
        #expect(try harness.send(.get, "/api/v1/projects?displayAll=", token: "admin-token").json == own)
        #expect(try harness.send(.get, "/api/v1/projects?displayAll=0", token: "admin-token").json == own)
    }

    @Test func deleteHeadersThatAreNoBooleansAreA400AndDeleteNothing() throws {
        let harness = try APITestHarness()
        let path = "/api/v2/projects/\(Fixtures.IDs.demoProject)/clusters/\(Fixtures.IDs.staging)"
        for name in ["DeleteVolumes", "DeleteLoadBalancers"] {
            try harness.send(.delete, path, headers: [name: "maybe"])
                .expectError(400, #"strconv.ParseBool: parsing "maybe": invalid syntax"#)
            #expect(harness.send(.get, path).status == .ok)
        }
        #expect(harness.send(.delete, path, headers: ["DeleteVolumes": "true", "DeleteLoadBalancers": "0"]).status == .ok)
        #expect(harness.send(.get, path).status == .notFound)
    }
}
