import Foundation
import Testing
@testable import Simulator

@Suite("determinism from the seed")
struct DeterminismTests {
    /// Certificate bytes (keys, signatures) may differ; everything else may not.
    static let materialFields: Set<String> = ["certificate", "public_key", "fingerprint"]

    func snapshot(_ sim: Sim) throws -> [String] {
        let client = try sim.loggedIn()
        let origin = sim.endpoint.url.absoluteString
        var out: [String] = []
        for path in ["/api/serviceengine?join_subresources=runtime&page_size=200", "/api/securechannelmapping?page_size=200",
                     "/api/alert?page_size=200", "/api/cluster", "/api/cloud", "/api/virtualservice?page_size=200",
                     "/api/systemconfiguration", "/api/tenant"] {
            out.append(try client.get(path).text.replacingOccurrences(of: origin, with: "HOST"))
        }
        var certs = try client.get("/api/sslkeyandcertificate?page_size=200").json.list("results")
        for index in certs.indices {
            var certificate = certs[index].dict("certificate")
            for field in Self.materialFields { certificate[field] = nil }
            certs[index]["certificate"] = certificate
        }
        let data = try JSONSerialization.data(withJSONObject: certs, options: [.sortedKeys, .withoutEscapingSlashes])
        out.append(String(decoding: data, as: UTF8.self).replacingOccurrences(of: origin, with: "HOST"))
        return out
    }

    @Test("the same seed gives the same controller; another seed does not")
    func sameSeed() async throws {
        let a = try await Sim.start { $0.seed = 42 }
        let b = try await Sim.start { $0.seed = 42 }
        let c = try await Sim.start { $0.seed = 43 }
        defer { Task { await a.stop(); await b.stop(); await c.stop() } }
        let snapA = try snapshot(a)
        let snapB = try snapshot(b)
        let snapC = try snapshot(c)
        for (x, y) in zip(snapA, snapB) { #expect(x == y) }
        #expect(snapA != snapC)
    }
}
