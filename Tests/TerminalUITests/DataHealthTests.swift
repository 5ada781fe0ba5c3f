import AviAPI
import Console
import Foundation
import Testing
@testable import TerminalUI

/// The status line's wording when reads fail: what is wrong, how old the data is, and what
/// happens next, told truthfully.
@Suite("status line: data health")
struct DataHealthTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func snapshot() -> Snapshot {
        let connection = ConnectionInfo(controller: "https://ctrl.example:443", username: "admin", tenant: "admin",
                                        controllerVersion: "31.2.1", readOnly: true, readOnlyReason: "test", insecure: false)
        var snapshot = Snapshot(connection: connection)
        let earlier = now.addingTimeInterval(-30)
        snapshot.clusterRuntime = snapshot.clusterRuntime.succeeded(try! JSONDecoder().decode(ClusterRuntime.self, from: Data("{}".utf8)), at: earlier, requests: 1, next: now)
        snapshot.certificates = snapshot.certificates.succeeded([], at: earlier, requests: 1, next: now)
        snapshot.alerts = snapshot.alerts.succeeded([], at: earlier, requests: 1, next: now)
        return snapshot
    }

    @Test func aRefusedPasswordMetByOneResourceIsNeverCalledRetrying() throws {
        var snapshot = Self.snapshot()
        // Only the alert read has met the refusal so far; the others have not run since.
        snapshot.alerts = snapshot.alerts.failed(.loginFailed(host: "ctrl.example", status: 401), at: Self.now, retryAt: Self.now.addingTimeInterval(5))
        let line = try #require(DataHealth.problem(snapshot, now: Self.now, paused: false))
        #expect(line.hasPrefix("login refused"), "\(line)")
        #expect(!line.contains("retrying"), "\(line)")
    }

    @Test func aFailoverStillSaysWhenItIsReadAgain() throws {
        var snapshot = Self.snapshot()
        snapshot.alerts = snapshot.alerts.failed(.serverUnavailable(host: "ctrl.example", status: 503), at: Self.now, retryAt: Self.now.addingTimeInterval(4))
        let line = try #require(DataHealth.problem(snapshot, now: Self.now, paused: false))
        #expect(line.contains("retrying in 4 s"), "\(line)")
    }
}
