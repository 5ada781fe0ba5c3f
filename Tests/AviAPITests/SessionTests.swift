import AviAPI
import Foundation
import Testing

@Suite("Session against the simulator over TLS")
struct SessionTests {
    @Test func logsInAndReadsTheCluster() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let login = try await client.session.connect()
        #expect(login.user?.username == fixture.endpoint.username)
        #expect(await client.session.apiVersion == login.version?.version)
        let runtime = try await client.clusterRuntime()
        #expect(runtime.nodeStates.count == 3)
        #expect(runtime.leader != nil)
        let config = try await client.systemConfiguration()
        #expect(config.hasSecureChannelConfiguration, "X-Avi-Version must be sent, or the block is hidden")
        await client.session.logout()
    }

    @Test func logsInAgainAfterTheSessionExpired() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let log = RequestLog()
        let client = fixture.client(log: log)
        // /api/cluster/runtime answers without a session (a readiness probe): use an object that needs one.
        _ = try await client.clusterConfig()
        fixture.simulator.expireAllSessions()
        _ = try await client.clusterConfig()
        let logins = log.snapshot().filter { $0.path == "/login" }
        #expect(logins.count == 2)
        #expect(log.snapshot().contains { $0.status == 401 || $0.status == 419 })
    }

    @Test func wrongPasswordIsAClearLoginError() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        var settings = fixture.settings()
        settings.password = "not-the-password"
        let client = AviClient(settings: settings)
        await #expect {
            try await client.session.connect()
        } throws: { error in
            guard case .loginFailed = error as? AviError else { return false }
            return "\(error)".contains("wrong username or password")
        }
    }

    @Test func writesCarryTheCSRFHeader() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let config = try await client.systemConfiguration()
        // The simulator answers 401 "CSRF token missing or incorrect." without the header.
        let written = try await client.putSystemConfiguration(config)
        #expect(written.lastModified != config.lastModified)
        let puts = fixture.stateChangingRequests.filter { $0.method == "PUT" }
        #expect(puts.count == 1)
        #expect(puts.first?.status == 200)
    }

    @Test func failsOverToTheNextAddress() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let dead = URL(string: "https://127.0.0.1:1")!
        let log = RequestLog()
        let client = AviClient(settings: fixture.settings(controllers: [dead, fixture.endpoint.url]), log: log)
        let runtime = try await client.clusterRuntime()
        #expect(!runtime.nodeStates.isEmpty)
        #expect(await client.session.controller == fixture.endpoint.url)
        #expect(log.snapshot().first?.host == "127.0.0.1" && log.snapshot().first?.status == nil)
    }

    @Test func allAddressesDownIsOneClearError() async throws {
        let client = AviClient(settings: ConnectionSettings(controllers: [URL(string: "https://127.0.0.1:1")!], username: "a", password: "b"))
        await #expect {
            try await client.session.connect()
        } throws: { error in
            "\(error)".contains("cannot reach 127.0.0.1")
        }
    }

    @Test func malformedBodyNamesTheEndpoint() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        try await client.session.connect()
        fixture.simulator.setMalformedBodies(true, pathPrefix: "/api/cluster/runtime")
        await #expect {
            _ = try await client.clusterRuntime()
        } throws: { error in
            guard case let .malformedResponse(path, _) = error as? AviError else { return false }
            return path == "/api/cluster/runtime"
        }
    }

    @Test func oversizedResponseIsRefused() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = AviClient(settings: fixture.settings(limits: TransportLimits(maxResponseBytes: 4096)))
        try await client.session.connect()
        await #expect {
            _ = try await client.certificates()
        } throws: { error in
            guard case .responseTooLarge = error as? AviError else { return false }
            return "\(error)".contains("larger than")
        }
    }

    @Test func unknownEnumValueFromTheControllerIsKeptRaw() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let before = try await client.secureChannelMappings().items
        let target = try #require(before.first { !$0.isController })
        fixture.simulator.setMappingStatus(name: target.name, status: "SECURE_CHANNEL_FROM_THE_FUTURE")
        let after = try await client.secureChannelMappings().items
        let changed = try #require(after.first { $0.name == target.name })
        #expect(changed.status.rawValue == "SECURE_CHANNEL_FROM_THE_FUTURE")
        #expect(!changed.status.isKnown)
        #expect(!changed.status.isAuthenticated)
    }
}

@Suite("Writes are never repeated behind the caller's back")
struct WriteRetryTests {
    @Test func aWriteWhoseConnectionDropsIsReportedNotResent() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let config = try await client.systemConfiguration()
        fixture.simulator.dropNextConnections(1)
        await #expect {
            _ = try await client.putSystemConfiguration(config)
        } throws: { error in
            guard case .connectionLost = error as? AviError else { return false }
            return true
        }
        let puts = fixture.stateChangingRequests.filter { $0.method == "PUT" }
        #expect(puts.count <= 1, "the PUT reached the simulator \(puts.count) times")
    }
}
