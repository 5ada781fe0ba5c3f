import AviAPI
import Foundation
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
