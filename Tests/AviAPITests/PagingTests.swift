import AviAPI
import Foundation
import Simulator
import Testing

@Suite("Paging")
struct PagingTests {
    @Test func readsAllFiveThousandCertificates() async throws {
        let fixture = try await SimulatorFixture.start { $0.certificates = 5000 }
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let result = try await client.certificates()
        #expect(result.items.count == result.count)
        #expect(result.count >= 5000)
        #expect(Set(result.items.map(\.uuid)).count == result.items.count, "no page read twice")
        #expect(result.requests == (result.count + AviSession.pageSize - 1) / AviSession.pageSize)
        #expect(result.items.contains { $0.name == "System-Default-Secure-Channel-Cert" })
    }

    @Test func serviceEnginesComeWithRuntimeInAConstantNumberOfRequests() async throws {
        let fixture = try await SimulatorFixture.start { $0.serviceEngines = 150 }
        defer { Task { await fixture.stop() } }
        let result = try await fixture.client().serviceEngines()
        #expect(result.items.count == 150)
        #expect(result.requests == 1)
        #expect(result.items.allSatisfy { $0.runtime?.operStatus?.state != nil })
        #expect(result.items.allSatisfy { $0.managementIP != nil })
    }
}

@Suite("Paging does not trust the controller's envelope")
struct PagingBoundsTests {
    @Test func aHugeCountWithNextIsAClearErrorAfterOneRequest() async throws {
        let fixture = try await SimulatorFixture.start { $0.certificates = 400 }
        defer { Task { await fixture.stop() } }
        fixture.simulator.setPagingLie(.inflatedCount(1_000_000_000), pathPrefix: "/api/sslkeyandcertificate")
        let log = RequestLog()
        let client = fixture.client(log: log)
        try await client.session.connect()
        await #expect {
            _ = try await client.certificates()
        } throws: { error in
            guard case let .malformedResponse(path, detail) = error as? AviError else { return false }
            return path == "/api/sslkeyandcertificate" && detail.contains("1000000000") && detail.contains("\(AviSession.maxPages) pages")
        }
        #expect(log.snapshot().filter { $0.path.hasPrefix("/api/sslkeyandcertificate") }.count == 1)
    }

    @Test func anInflatedCountStopsAtTheFirstShortPage() async throws {
        let fixture = try await SimulatorFixture.start { $0.certificates = 1000 }
        defer { Task { await fixture.stop() } }
        let truth = try await fixture.client().certificates()
        fixture.simulator.setPagingLie(.inflatedCount(20_000), pathPrefix: "/api/sslkeyandcertificate")
        let result = try await fixture.client().certificates()
        #expect(result.items.count == truth.items.count)
        #expect(result.count == truth.items.count)
        let realPages = (truth.items.count + AviSession.pageSize - 1) / AviSession.pageSize
        // Up to three pages past the end may already be in flight when the short page arrives.
        #expect(result.requests <= realPages + 3, "\(result.requests) requests for \(realPages) pages")
    }

    @Test func aShortFirstPageIsTheWholeCollectionWhateverNextSays() async throws {
        let fixture = try await SimulatorFixture.start { $0.certificates = 30 }
        defer { Task { await fixture.stop() } }
        fixture.simulator.setPagingLie(.inflatedCount(5_000), pathPrefix: "/api/sslkeyandcertificate")
        let result = try await fixture.client().certificates()
        #expect(result.requests == 1)
        #expect(result.items.count < AviSession.pageSize)
    }

    @Test(arguments: [PagingLie.repeatingNext, .foreignNext(host: "attacker.example")])
    func aNextThatRepeatsOrPointsElsewhereIsNotFollowed(_ lie: PagingLie) async throws {
        let fixture = try await SimulatorFixture.start { $0.certificates = 594 }  // + 6 System-Default = 3 full pages
        defer { Task { await fixture.stop() } }
        let truth = try await fixture.client().certificates()
        try #require(truth.items.count == 600, "the test needs full pages only")
        fixture.simulator.setPagingLie(lie, pathPrefix: "/api/sslkeyandcertificate")
        let log = RequestLog()
        let result = try await fixture.client(log: log).certificates()
        #expect(result.items.count == 600)
        #expect(Set(result.items.map(\.uuid)).count == 600, "no page read twice")
        #expect(result.requests == 3)
        #expect(log.snapshot().allSatisfy { $0.host.hasPrefix("127.0.0.1") })
    }
}
