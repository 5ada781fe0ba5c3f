import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Issue 9 item 13 on screen: a resource the user may not read (403 from the simulator over
/// real TLS) is "unknown" with its reason, never "NO QUORUM (0 of 0 active)" or a zero count.
@Suite(.serialized) struct UnknownOnScreenTests {
    @Test func aForbiddenClusterIsUnknownNotNoQuorum() async throws {
        let fixture = try await AppFixture.start(prepare: { $0.forbidReads(pathPrefix: "/api/cluster") })
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 120, height: 40))
        #expect(!screen.shows("NO QUORUM"), "\(screen.screenText)")
        #expect(!screen.shows("0 of 0"), "\(screen.screenText)")
        app.press(.character("2"))
        #expect(!screen.shows("NO QUORUM"), "\(screen.screenText)")
        #expect(!screen.shows("0 of 0"), "\(screen.screenText)")
        #expect(screen.shows("quorum unknown"), "\(screen.screenText)")
    }

    @Test func forbiddenCountsAreUnknownNotZero() async throws {
        let fixture = try await AppFixture.start(prepare: { $0.forbidReads(pathPrefix: "/api/serviceengine") })
        defer { Task { await fixture.stop() } }
        let (_, screen) = fixture.app(size: Size(width: 120, height: 40))
        let row = try #require(screen.lines.first { $0.hasPrefix(" Service Engines") }, "\(screen.screenText)")
        #expect(row.contains("unknown"), "\(row)")
        #expect(!row.contains("0 up") && !row.contains("0 total"), "\(row)")
    }

    @Test func nothingReadYetIsUnknownNotZero() {
        let snapshot = Snapshot(connection: ConnectionInfo(controller: "https://ctrl", username: "admin", tenant: "admin",
                                                           readOnly: true, insecure: false))
        let overview = OverviewSummary(snapshot, now: AppFixture.now)
        #expect(ClusterScreen.quorumText(overview) == "quorum unknown")
        let engines = OverviewScreen.serviceEngineSegments(snapshot, overview: overview).map(\.text).joined()
        #expect(engines.contains("unknown") && engines.contains("not read yet"), "\(engines)")
        let alerts = OverviewScreen.alertSegments(snapshot, overview: overview).map(\.text).joined()
        #expect(!alerts.contains("0 high"), "\(alerts)")
    }
}
