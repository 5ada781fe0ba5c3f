import Foundation
import Testing
@testable import Simulator

@Suite("login, sessions, CSRF, versions")
struct AuthTests {
    @Test("cookies and login body follow the release persona", arguments: [
        ("20.1.5", ["avi-sessionid", "sessionid"], true),
        ("18.2.10", ["avi-sessionid", "sessionid"], true),
        ("18.2.4", ["avi-sessionid"], true),
        ("17.2.18", ["sessionid"], false),
    ])
    func loginPerPersona(version: String, cookies: [String], hasCookieName: Bool) async throws {
        let sim = try await Sim.start { $0.version = version }
        defer { Task { await sim.stop() } }
        let client = sim.client(apiVersion: nil)
        let response = try client.login()
        #expect(response.status == 200)
        let setCookies = response.headers("Set-Cookie")
        let names = setCookies.compactMap { $0.split(separator: "=").first.map(String.init) }
        #expect(names.first == "csrftoken")
        #expect(Set(names.dropFirst()) == Set(cookies))
        #expect(setCookies.first?.contains("Max-Age=31449600") == true)
        #expect(setCookies.first?.contains("HttpOnly") == false)
        for cookie in setCookies.dropFirst() {
            #expect(cookie.contains("HttpOnly; Max-Age=86400; Path=/; Secure"))
            #expect(cookie.contains("SameSite=None") == (version == "20.1.5"))
        }
        #expect(response.header("AVI_API_VERSION") == "16_4_2")
        let body = response.json
        #expect(body.dict("version").string("Version") == version)
        #expect(body.dict("user")["is_superuser"] as? Bool == true)
        #expect(body.dict("controller")["api_idle_timeout"] as? Int == 15)
        #expect((body["session_cookie_name"] != nil) == hasCookieName)
        let systemConfig = body.dict("system_config")
        #expect(systemConfig.string("url") == "/api/systemconfiguration")
        let portalRefs = systemConfig.dict("portal_configuration")["sslkeyandcertificate_refs"] as? [String] ?? []
        #expect(portalRefs.count == 2)
        #expect(portalRefs.allSatisfy { $0.hasPrefix("/api/sslkeyandcertificate/sslkeyandcertificate-") })
        #expect(!body.list("tenants").isEmpty)
        // The session works with exactly the cookies this release sets.
        #expect(try client.get("/api/cloud").status == 200)
    }

    @Test("JSON login, wrong password, read-only user")
    func loginVariants() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        #expect(try sim.client().login(json: true).status == 200)
        let bad = try sim.client().login(password: "wrong")
        #expect(bad.status == 401)
        #expect(bad.json.string("error") == "Invalid credentials")
        let monitor = sim.client()
        let login = try monitor.login(username: sim.endpoint.readOnlyUsername, password: sim.endpoint.readOnlyPassword)
        #expect(login.json.dict("user")["is_superuser"] as? Bool == false)
        #expect(try monitor.get("/api/systemconfiguration").status == 200)
        let write = try monitor.send("PATCH", "/api/systemconfiguration", json: ["replace": ["fips_mode": false]])
        #expect(write.status == 403)
    }

    @Test("non-GET without the CSRF token is refused with the plain-text body")
    func csrf() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        client.sendCSRF = false
        let refused = try client.send("POST", "/api/tenant", json: ["name": "t1"])
        #expect(refused.status == 401)
        #expect(refused.text == "CSRF token missing or incorrect.")
        #expect(try client.send("POST", "/api/tenant", json: ["name": "t1"], headers: ["X-CSRFToken": "nope"]).status == 401)
        #expect(try client.get("/api/tenant").status == 200)
        client.sendCSRF = true
        let created = try client.send("POST", "/api/tenant", json: ["name": "t1"])
        #expect(created.status == 201)
        #expect(created.header("Location")?.hasSuffix("#t1") == true)
    }

    @Test("requests without X-Avi-Version are served as 16.4.2 and hide newer fields")
    func versionHeader() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn(apiVersion: nil)
        let legacy = try client.get("/api/systemconfiguration")
        #expect(legacy.header("AVI_API_VERSION") == "16_4_2")
        for hidden in ["secure_channel_configuration", "welcome_workflow_complete", "fips_mode", "default_license_tier"] {
            #expect(legacy.json[hidden] == nil, "\(hidden) must be hidden at 16.4.2")
        }
        #expect(legacy.json.dict("portal_configuration")["api_force_timeout"] == nil)
        client.apiVersion = "30.2.1"
        let current = try client.get("/api/systemconfiguration")
        #expect(current.header("AVI_API_VERSION") == "30.2.1")
        let channel = current.json.dict("secure_channel_configuration")["sslkeyandcertificate_refs"] as? [String] ?? []
        #expect(channel.count == 1)
        #expect(current.json.dict("portal_configuration")["enable_rate_limiter"] == nil)
        client.apiVersion = "32.1.1"
        let tooNew = try client.get("/api/systemconfiguration")
        #expect(tooNew.status == 400)
        #expect(tooNew.json.string("error")?.contains("31.2.1") == true)
    }

    @Test("readiness probes answer without a session; other APIs do not")
    func probes() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let anonymous = sim.client()
        #expect(try anonymous.get("/api/initial-data").json.dict("version").string("Version") == "31.2.1")
        let runtime = try anonymous.get("/api/cluster/runtime")
        #expect(runtime.json.dict("cluster_state").string("state") == "CLUSTER_UP_HA_ACTIVE")
        #expect(runtime.json.list("node_states").count == 3)
        #expect(try anonymous.get("/api/cluster/version").status == 200)
        let denied = try anonymous.get("/api/cluster")
        #expect(denied.status == 401)
        #expect(try sim.client().get("/api/serviceengine").status == 401)
    }

    @Test("idle sessions expire (419 variant); every answer re-issues the session cookies")
    func sessionExpiry() async throws {
        let sim = try await Sim.start {
            // 3 s: long enough that a loaded machine never lets a fresh session idle out between
            // two requests of this test, short enough to wait for.
            $0.sessionIdleTimeout = 3
            $0.unauthenticatedStatus = 419
        }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let response = try client.get("/api/tenant")
        #expect(response.status == 200)
        #expect(response.headers("Set-Cookie").contains { $0.hasPrefix("avi-sessionid=") && $0.contains("Max-Age=86400") })
        try await Task.sleep(for: .milliseconds(3500))
        let expired = try client.get("/api/tenant")
        #expect(expired.status == 419)
        #expect(expired.json.string("error")?.contains("expired") == true)
        try client.login()
        #expect(try client.get("/api/tenant").status == 200)
        sim.simulator.expireAllSessions()
        #expect(try client.get("/api/tenant").status == 419)
    }

    @Test("use slides the idle expiry; the absolute lifetime still ends a session")
    func slidingExpiry() {
        var table = SessionTable(idleTimeout: 10)
        let start = Date(timeIntervalSince1970: 1_000_000)
        let session = table.create(username: "admin", readOnly: false, now: start)
        for step in 1...5 {
            guard case .valid = table.use(id: session.id, now: start.addingTimeInterval(Double(step) * 8)) else {
                Issue.record("session ended early at step \(step)")
                return
            }
        }
        guard case .expired = table.use(id: session.id, now: start.addingTimeInterval(40 + 11)) else {
            Issue.record("idle session did not expire")
            return
        }
        var longLived = SessionTable(idleTimeout: 3600)
        let other = longLived.create(username: "admin", readOnly: false, now: start)
        var now = start
        while now.timeIntervalSince(start) < 24 * 3600 {
            now = now.addingTimeInterval(3000)
            _ = longLived.use(id: other.id, now: now)
        }
        guard case .missing = longLived.use(id: other.id, now: now.addingTimeInterval(1)) else {
            Issue.record("the absolute lifetime was not enforced")
            return
        }
    }

    @Test("logout ends the session and is recorded with the password masked")
    func logoutAndRecording() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        _ = try client.get("/api/cloud")
        #expect(try client.send("POST", "/logout").status == 200)
        #expect(try client.get("/api/cloud").status == 401)
        let recorded = sim.simulator.mutatingRequests()
        #expect(recorded.map(\.path) == ["/login", "/logout"])
        #expect(recorded[0].body.contains("password=<sensitive>"))
        #expect(!recorded[0].body.contains(sim.endpoint.password))
        #expect(recorded[0].user == sim.endpoint.username)
        #expect(sim.simulator.requestCount() == 4)
        sim.simulator.resetCounters()
        #expect(sim.simulator.requestCount() == 0)
        #expect(sim.simulator.mutatingRequests().isEmpty)
    }

    @Test("the public-key pin matches what the server presents")
    func pin() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        #expect(sim.endpoint.controllerPublicKeyPin.hasPrefix("sha256//"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", "-o", "/dev/null", "--cacert", sim.endpoint.caFile.path,
                             "--pinnedpubkey", sim.endpoint.controllerPublicKeyPin,
                             sim.endpoint.url.absoluteString + "/api/initial-data"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(sim.endpoint.caPEM.contains("BEGIN CERTIFICATE"))
    }
}
