import AviAPI
import Console
import Foundation
import Simulator
import Testing
@testable import TerminalUI

/// Every list opens worst first; sorting a state column is by severity, with
/// names only as the tie-break; the filter's words work on real tables.
@Suite(.serialized) struct WorstFirstTests {
    static func fixture() async throws -> AppFixture {
        try await AppFixture.start(prepare: { simulator in
            simulator.setCertificateNotAfter(name: "System-Default-Portal-Cert", AppFixture.now.addingTimeInterval(-3 * 86_400))
            simulator.setNodeState(index: 2, state: "CLUSTER_INACTIVE")
            simulator.addAlert(level: "ALERT_HIGH", summary: "a high alert", objectName: "se-worst")
        })
    }

    func context(_ fixture: AppFixture) -> ViewContext {
        ViewContext(snapshot: fixture.store.latest(), now: AppFixture.now, styles: .standard)
    }

    func ordered<Item>(_ table: ResourceTable<Item>, _ state: TableState = TableState()) -> [Item] {
        table.order(state, cache: ViewCache()).map { table.items[$0] }
    }

    func severities<Item>(_ table: ResourceTable<Item>, _ state: TableState = TableState()) -> [Severity] {
        ordered(table, state).map(table.severity)
    }

    @Test func everyListOpensWorstFirstWithNamesAsTheTieBreak() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.stop() } }
        let c = context(fixture)
        let lists: [(String, [Severity])] = [
            ("cluster", severities(ClusterScreen.table(c))),
            ("service engines", severities(ServiceEnginesScreen.table(c))),
            ("secure channel", severities(SecureChannelScreen.table(c))),
            ("certificates", severities(CertificatesScreen.table(c))),
            ("alerts", severities(AlertsScreen.table(c, level: .all))),
        ]
        for (name, list) in lists {
            #expect(list.contains { $0 > .ok } && list.contains(.ok), "\(name) must hold good and bad rows to prove anything")
            #expect(list == list.sorted(by: >), "\(name) is not worst first: \(list)")
        }
        // Equal severity: alphabetical.
        let engines = ordered(ServiceEnginesScreen.table(c))
        let worst = engines.prefix { ServiceEnginesScreen.severity($0) == ServiceEnginesScreen.severity(engines[0]) }.map(\.engine.name)
        #expect(worst.count > 1 && worst == worst.sorted { $0.lowercased() < $1.lowercased() }, "\(worst)")
        // The certificates: the expired one first.
        #expect(ordered(CertificatesScreen.table(c)).first?.bucket == .expired)
    }

    @Test func sortingAStateColumnIsBySeverityNotAlphabet() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.stop() } }
        let c = context(fixture)
        let statusColumn = SecureChannelScreen.columns.firstIndex { $0.title == "Status" } ?? -1
        let mappings = ordered(SecureChannelScreen.table(c), TableState(sortColumn: statusColumn)).map(\.mapping.status)
        #expect(mappings.first?.isFailure == true, "a failed tunnel first, not AUTH_ERRORS/AUTH_SSH_FAILED alphabetically: \(mappings)")
        let firstNone = mappings.firstIndex(of: .none), firstSuccess = mappings.firstIndex { $0.isAuthenticated }
        #expect(firstNone != nil && firstSuccess != nil && firstNone! < firstSuccess!, "NONE before the authenticated ones")
        #expect(mappings.last?.isAuthenticated == true)

        let levels = ordered(AlertsScreen.table(c, level: .all), TableState(sortColumn: 0)).map(\.level)
        #expect(levels.first == .high && levels.last == .low, "sorting by level puts HIGH first")
        let reversed = ordered(AlertsScreen.table(c, level: .all), TableState(sortColumn: 0, sortDirection: .descending)).map(\.level)
        #expect(reversed.first == .low)

        let state = ServiceEnginesScreen.columns.firstIndex { $0.title == "State" } ?? -1
        let engines = ordered(ServiceEnginesScreen.table(c), TableState(sortColumn: state))
        #expect(engines.first?.engine.runtime?.operStatus?.state == .down, "a down SE first")
        #expect(engines.last?.engine.runtime?.operStatus?.state == .up)
    }

    @Test func filterWordsSelectExactlyTheRowsOnRealTables() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.stop() } }
        let c = context(fixture)
        let channel = SecureChannelScreen.table(c)
        let all = channel.items
        let notSuccess = ordered(channel, TableState(filter: "!SUCCESS"))
        #expect(!notSuccess.isEmpty && notSuccess.count == all.filter { !$0.mapping.status.rawValue.contains("SUCCESS") }.count)
        let none = ordered(channel, TableState(filter: "status:none"))
        #expect(!none.isEmpty && none.allSatisfy { $0.mapping.status == .none }
                && none.count == all.filter { $0.mapping.status == .none }.count)

        let certificates = CertificatesScreen.table(c)
        let soon = ordered(certificates, TableState(filter: "days:<30"))
        #expect(!soon.isEmpty && soon.count == certificates.items.filter { ($0.daysLeft ?? Int.max) < 30 }.count)

        // Through the keys, as an operator types it, on the Secure Channel screen.
        let (app, screen) = fixture.app(size: Size(width: 120, height: 40))
        app.press(.character("4"), .character("/"))
        app.type("status:none")
        app.press(.enter)
        #expect(screen.shows("filter \"status:none\": \(none.count) of \(all.count)"), "\(screen.screenText)")
    }

    @Test func helpShowsTheFilterSyntax() async throws {
        let fixture = try await Self.fixture()
        defer { Task { await fixture.stop() } }
        let (app, screen) = fixture.app(size: Size(width: 120, height: 60))
        app.press(.character("?"))
        for text in ["!SUCCESS", "status:none", "days:<30", "worst first"] {
            #expect(screen.shows(text), "\(text)\n\(screen.screenText)")
        }
    }
}
