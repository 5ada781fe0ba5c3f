import Foundation
import Simulator
import Testing

/// `avitui status` as scripts use it: the JSON contract of DESIGN.md, and plain text
/// when piped.
@Suite("headless: status", .serialized)
struct HeadlessStatusTests {
    @Test func jsonHasTheDocumentedKeys() async throws {
        let (simulator, endpoint) = try await Headless.simulator { $0.alerts = 20 }
        defer { Task { try? await simulator.stop() } }
        let run = try Headless.run(["status", "--json"], environment: Headless.environment(endpoint))
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])

        #expect(report["controller"] is String)
        #expect(report["version"] as? String == "31.2.1")
        let cluster = try #require(report["cluster"] as? [String: Any])
        #expect(cluster["state"] as? String == "CLUSTER_UP_HA_ACTIVE")
        let nodes = try #require(cluster["nodes"] as? [[String: Any]])
        #expect(nodes.count == 3)
        for node in nodes {
            for key in ["name", "ip", "role", "state", "up_since"] { #expect(node[key] is String, "node.\(key)") }
            #expect(isRFC3339(node["up_since"] as? String))
        }
        #expect((report["service_engines"] as? [Any])?.count == 12)
        let mappings = try #require(report["secure_channel"] as? [[String: Any]])
        #expect(mappings.count == 15)  // 12 SEs and 3 controller nodes
        let certificates = try #require(report["certificates"] as? [[String: Any]])
        #expect(certificates.count >= 46)
        for certificate in certificates {
            #expect(certificate["name"] is String)
            #expect(certificate["type"] is String)
            #expect(isRFC3339(certificate["not_after"] as? String), "\(certificate["name"] ?? "")")
            #expect(certificate["days_left"] is Int)
            #expect(certificate["used_for"] is [String])
        }
        let usedFor = certificates.flatMap { $0["used_for"] as? [String] ?? [] }
        #expect(usedFor.contains("portal"))
        #expect(usedFor.contains("secure_channel"))
        #expect(certificates.contains { ($0["days_left"] as? Int ?? 0) < 0 })
        #expect((report["alerts"] as? [Any])?.count == 20)
    }

    @Test func textIsPlainWhenPiped() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let run = try Headless.run(["status"], environment: Headless.environment(endpoint))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("\u{1B}"))
        for block in ["Controller", "Cluster", "Service Engines", "Secure channel", "Certificates", "Alerts"] {
            #expect(run.stdout.contains("\n\(block)") || run.stdout.hasPrefix(block), "block \(block)")
        }
    }

    private func isRFC3339(_ text: String?) -> Bool {
        text?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil
    }
}
