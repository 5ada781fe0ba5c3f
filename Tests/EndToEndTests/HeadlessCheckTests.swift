import Foundation
import Simulator
import Testing

/// `avitui check …` as a monitoring system runs it: exit status and the status line,
/// against simulator states.
@Suite("headless: check", .serialized)
struct HeadlessCheckTests {
    static let day: TimeInterval = 86_400

    @Test func certificatesAllGoodThenFiveDaysThenExpired() async throws {
        // Only the System-Default-* certificates: ten years each.
        let (simulator, endpoint) = try await Headless.simulator { $0.certificates = 0 }
        defer { Task { try? await simulator.stop() } }
        let environment = Headless.environment(endpoint)

        let good = try Headless.run(["check", "certs"], environment: environment)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.firstLine.hasPrefix("AVI CERTS OK - 6 certificates, none expires within 30 days; next: "))
        #expect(good.firstLine.contains(" | expired=0;;;0 within_7d=0;;;0 within_30d=0;;;0 total=6;;;0 min_days_left="))

        simulator.setCertificateNotAfter(name: "System-Default-Cert-EC", Date().addingTimeInterval(20 * Self.day + 3600))
        let warning = try Headless.run(["check", "certs"], environment: environment)
        #expect(warning.status == 1)
        #expect(warning.firstLine.hasPrefix("AVI CERTS WARNING - 1 certificate expires within 30 days: System-Default-Cert-EC (20 d) | "))

        simulator.setCertificateNotAfter(name: "System-Default-Cert", Date().addingTimeInterval(5 * Self.day + 3600))
        let soon = try Headless.run(["check", "certs"], environment: environment)
        #expect(soon.status == 2)
        #expect(soon.firstLine.hasPrefix(
            "AVI CERTS CRITICAL - 1 certificate expires within 7 days: System-Default-Cert (5 d); 1 certificate expires within 30 days: System-Default-Cert-EC (20 d) | "))
        #expect(soon.firstLine.contains("within_7d=1;;;0 within_30d=1;;;0"))
        #expect(soon.stdout.contains("\nCRITICAL: System-Default-Cert expires in 5 d"))

        simulator.setCertificateNotAfter(name: "System-Default-Portal-Cert", Date().addingTimeInterval(-3 * Self.day + 3600))
        let expired = try Headless.run(["check", "certs", "--exclude", "System-Default-Cert*"], environment: environment)
        #expect(expired.status == 2)
        #expect(expired.firstLine.hasPrefix("AVI CERTS CRITICAL - 1 certificate has expired: System-Default-Portal-Cert (2 d ago) | expired=1;;;0"))
        #expect(expired.stdout.contains("used for portal"))

        let narrowed = try Headless.run(["check", "certs", "--include", "*Root-CA", "--warning", "45", "--critical", "10"], environment: environment)
        #expect(narrowed.status == 0)
        #expect(narrowed.firstLine.hasPrefix("AVI CERTS OK - 1 of 6 certificates checked, none expires within 45 days"))
        #expect(narrowed.firstLine.contains("within_10d=0;;;0 within_45d=0;;;0 total=1;;;0"))

        let badThresholds = try Headless.run(["check", "certs", "--warning", "5", "--critical", "10"], environment: environment)
        #expect(badThresholds.status == 3)
        #expect(badThresholds.firstLine == "AVI CERTS UNKNOWN - --critical (10 d) must not exceed --warning (5 d)")
    }

    @Test func clusterAllGoodNodeDownNoQuorum() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        let environment = Headless.environment(endpoint)

        let good = try Headless.run(["check", "cluster"], environment: environment)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.firstLine.hasPrefix("AVI CLUSTER OK - UP_HA_ACTIVE, 3 of 3 nodes active; leader "))
        #expect(good.firstLine.hasSuffix(" | nodes_active=3;3:;2:;0;3 nodes_total=3;;;0"))

        simulator.setNodeState(index: 1, state: "CLUSTER_INACTIVE")
        let degraded = try Headless.run(["check", "cluster"], environment: environment)
        #expect(degraded.status == 1)
        #expect(degraded.firstLine.hasPrefix("AVI CLUSTER WARNING - UP_HA_COMPROMISED, 2 of 3 nodes active: "))
        #expect(degraded.firstLine.contains(" INACTIVE"))

        simulator.setNodeState(index: 2, state: "CLUSTER_FAILURE")
        let lost = try Headless.run(["check", "cluster"], environment: environment)
        #expect(lost.status == 2)
        #expect(lost.firstLine.hasPrefix("AVI CLUSTER CRITICAL - no quorum: 1 of 3 nodes active, 2 needed: "))
        #expect(lost.firstLine.contains("nodes_active=1;3:;2:;0;3"))
    }

    @Test func secureChannelAllGoodThenFailing() async throws {
        // Three SEs: all authenticated in the seeded data, as are the three controller nodes.
        let (simulator, endpoint) = try await Headless.simulator { $0.serviceEngines = 3 }
        defer { Task { try? await simulator.stop() } }
        let environment = Headless.environment(endpoint)

        let good = try Headless.run(["check", "secure-channel"], environment: environment)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.firstLine == "AVI SECURE-CHANNEL OK - all 6 mappings authenticated | not_authenticated=0;0;2;0;6 failed=0;;;0;6 authenticated=6;;;0;6 total=6;;;0")

        let status = try Headless.run(["status", "--json"], environment: environment)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let engines = try #require(report["service_engines"] as? [[String: Any]]).compactMap { $0["uuid"] as? String }
        #expect(engines.count == 3)

        simulator.setMappingStatus(name: engines[0], status: "SECURE_CHANNEL_AUTH_TOKEN_FAILED")
        let one = try Headless.run(["check", "secure-channel"], environment: environment)
        #expect(one.status == 1)
        #expect(one.firstLine.hasPrefix("AVI SECURE-CHANNEL WARNING - 1 of 6 mappings not authenticated: "))
        #expect(one.firstLine.contains("AUTH_TOKEN_FAILED"))
        #expect(one.firstLine.contains(": Avi-se-"))  // named by the SE, not by its uuid

        simulator.setMappingStatus(name: engines[1], status: "SECURE_CHANNEL_AUTH_ERRORS")
        simulator.setMappingStatus(name: engines[2], status: "SECURE_CHANNEL_NONE")
        let three = try Headless.run(["check", "secure-channel"], environment: environment)
        #expect(three.status == 2)
        #expect(three.firstLine.hasPrefix("AVI SECURE-CHANNEL CRITICAL - 3 of 6 mappings not authenticated: "))
        #expect(three.firstLine.contains("not_authenticated=3;0;2;0;6 failed=2;;;0;6"))

        let lenient = try Headless.run(["check", "secure-channel", "--warning", "3", "--critical", "5"], environment: environment)
        #expect(lenient.status == 0)
        let badRange = try Headless.run(["check", "secure-channel", "--warning", "lots"], environment: environment)
        #expect(badRange.status == 3)
        #expect(badRange.firstLine.hasPrefix("AVI SECURE-CHANNEL UNKNOWN - --warning 'lots' is not a range"))
    }

    @Test func unreachableControllerIsUnknown() throws {
        for kind in ["certs", "cluster", "secure-channel"] {
            let run = try Headless.run(["check", kind, "--connect-timeout", "2"],
                                       environment: Headless.environment(nil, controller: "https://127.0.0.1:1"))
            #expect(run.status == 3, "\(kind): \(run.stdout)\(run.stderr)")
            #expect(run.firstLine.hasPrefix("AVI \(kind.uppercased()) UNKNOWN - "))
            #expect(run.firstLine.contains("127.0.0.1"))
            #expect(run.stdout.split(separator: "\n").count == 1)
        }
    }

    @Test func usageErrorsAreOneUnknownLineAndStatus3() throws {
        // No controller is needed: the command line is rejected before any connection.
        let environment = Headless.environment(nil, controller: "https://127.0.0.1:1")
        let cases: [([String], String)] = [
            (["check", "certs", "--bogus"], "AVI CERTS UNKNOWN - unknown option '--bogus' — see 'avitui check certs --help'"),
            (["check", "certs", "-w", "abc"], "AVI CERTS UNKNOWN - the value 'abc' is invalid for '-w <DAYS>' — see 'avitui check certs --help'"),
            (["check", "certs", "-w", "-5"], "AVI CERTS UNKNOWN - '-5' is negative: thresholds are 0 or more — see 'avitui check certs --help'"),
            (["check", "secure-channel", "--critical"], "AVI SECURE-CHANNEL UNKNOWN - missing value for '--critical <RANGE>' — see 'avitui check secure-channel --help'"),
            (["check", "bogus"], "AVI CHECK UNKNOWN - 'bogus' is not a check — use certs, cluster or secure-channel"),
            (["check"], "AVI CHECK UNKNOWN - no check named — use certs, cluster or secure-channel, as in 'avitui check certs'"),
        ]
        for (arguments, line) in cases {
            let run = try Headless.run(arguments, environment: environment)
            #expect(run.status == 3, "\(arguments): \(run.stdout)\(run.stderr)")
            #expect(run.stdout == line + "\n", "\(arguments)")
            #expect(run.stderr.isEmpty, "\(arguments)")
        }
        // Help is still help, and other commands keep the parser's usage status.
        let help = try Headless.run(["check", "certs", "--help"], environment: environment)
        #expect(help.status == 0)
        #expect(help.stdout.contains("--warning"))
        let other = try Headless.run(["status", "--bogus"], environment: environment)
        #expect(other.status == 64)
        #expect(other.stdout.isEmpty)
        #expect(other.stderr.contains("Unknown option '--bogus'"))
    }

    @Test func nonsenseAnswersAreUnknown() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        simulator.setMalformedBodies(true, pathPrefix: "/api/cluster/runtime")
        let run = try Headless.run(["check", "cluster"], environment: Headless.environment(endpoint))
        #expect(run.status == 3)
        #expect(run.firstLine.hasPrefix("AVI CLUSTER UNKNOWN - cannot read the cluster runtime: "))
    }

    @Test func wrongPasswordIsUnknown() async throws {
        let (simulator, endpoint) = try await Headless.simulator()
        defer { Task { try? await simulator.stop() } }
        var environment = Headless.environment(endpoint)
        environment["AVI_PASSWORD"] = "wrong"
        let run = try Headless.run(["check", "certs"], environment: environment)
        #expect(run.status == 3)
        #expect(run.firstLine.hasPrefix("AVI CERTS UNKNOWN - login to "))
    }
}
