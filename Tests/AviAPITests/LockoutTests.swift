import AviAPI
import Foundation
import Simulator
import Testing

@Suite("Never lock an account, never hammer a controller")
struct LockoutTests {
    /// The password is changed on the controller while a session is open; the session
    /// expires. The old password is sent once (refused) and never again, however often
    /// the caller asks.
    @Test func aPasswordChangedOnTheControllerIsTriedOnceThenNeverAgain() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        _ = try await client.clusterConfig()
        fixture.simulator.changePassword(username: fixture.endpoint.username, to: "rotated-elsewhere")
        fixture.simulator.expireAllSessions()
        fixture.simulator.resetCounters()
        for _ in 0..<20 {
            do { _ = try await client.clusterConfig() } catch let error as AviError {
                #expect(error.isCredentialRefusal, "\(error)")
            }
        }
        #expect(fixture.simulator.refusedLoginCount() == 1)
        #expect(await client.session.credentialRefusal != nil)
        // Giving the same password again is refused locally; the new one works.
        await #expect { try await client.session.usePassword(fixture.endpoint.password) } throws: { error in
            guard case .passwordRefusedBefore = error as? AviError else { return false }
            return "\(error)".contains("not sent again")
        }
        try await client.session.usePassword("rotated-elsewhere")
        _ = try await client.clusterConfig()
        #expect(fixture.simulator.refusedLoginCount() == 1)
    }

    @Test func aWrongPasswordAtConnectIsNotRetried() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        var settings = fixture.settings()
        settings.password = "wrong"
        let client = AviClient(settings: settings)
        for _ in 0..<5 { _ = try? await client.session.connect() }
        #expect(fixture.simulator.refusedLoginCount() == 1)
    }

    /// Every request answers 401 although each login succeeds: logins are capped per minute.
    @Test func aPersistent401LoopIsCappedAtAFewLoginsPerMinute() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let log = RequestLog()
        // Time stands still for the cap: on a slow machine 30 reads may span more than a minute.
        let frozen = Date()
        let client = AviClient(session: AviSession(settings: fixture.settings(), log: log, now: { frozen }))
        try await client.session.connect()
        fixture.simulator.rejectEverySession(true)
        var lastError: AviError?
        for _ in 0..<30 {
            do { _ = try await client.clusterConfig() } catch let error as AviError { lastError = error }
        }
        let logins = log.snapshot().filter { $0.path == "/login" }.count
        #expect(logins <= 1 + AviSession.reloginLimit, "\(logins) logins")
        guard case .reloginLimit? = lastError else {
            Issue.record("expected the re-login cap, got \(String(describing: lastError))")
            return
        }
    }

    /// `"Version": "22.1.6-2p3"` at login: the header carries `22.1.6`, so reads work.
    @Test func aSuffixedControllerVersionBecomesAReleaseNumberInTheHeader() async throws {
        let fixture = try await SimulatorFixture.start { $0.version = "22.1.6-2p3" }
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let login = try await client.session.connect()
        #expect(login.version?.version == "22.1.6-2p3")
        #expect(await client.session.apiVersion == "22.1.6")
        _ = try await client.clusterConfig()
        _ = try await client.certificates()
    }

    @Test(arguments: [("22.1.6-2p3", "22.1.6"), ("30.2.1", "30.2.1"), ("16_4_2", "16.4.2"), ("31.2", "31.2"),
                      ("22.1.6.9000", "22.1.6"), (" 20.1.5 ", "20.1.5")])
    func releaseNumbers(_ pair: (String, String)) {
        #expect(AviVersion.headerValue(pair.0) == pair.1)
    }

    @Test(arguments: ["latest", "", "22", "v22.1.6"])
    func notAReleaseNumber(_ text: String) {
        #expect(AviVersion.headerValue(text) == nil)
    }
}
