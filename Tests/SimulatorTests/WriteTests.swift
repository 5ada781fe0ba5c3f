import Foundation
import Testing
@testable import Simulator

@Suite("writes: systemconfiguration, certificates, deletes")
struct WriteTests {
    @Test("PUT with a stale _last_modified gets 412; every write moves _last_modified")
    func stalePut() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        var config = try client.get("/api/systemconfiguration").json
        let original = try #require(config.string("_last_modified"))
        config["welcome_workflow_complete"] = false
        let first = try client.send("PUT", "/api/systemconfiguration", json: config)
        #expect(first.status == 200)
        let updated = try #require(first.json.string("_last_modified"))
        #expect(Int64(updated) ?? 0 > Int64(original) ?? 0)
        // The same body again carries the old _last_modified.
        #expect(try client.send("PUT", "/api/systemconfiguration", json: config).status == 412)
        // A forced concurrent change.
        var fresh = try client.get("/api/systemconfiguration").json
        sim.simulator.forceStaleWrites(1)
        fresh["welcome_workflow_complete"] = true
        #expect(try client.send("PUT", "/api/systemconfiguration", json: fresh).status == 412)
        let reread = try client.get("/api/systemconfiguration").json
        #expect(reread.string("_last_modified") != fresh.string("_last_modified"))
        var retry = reread
        retry["welcome_workflow_complete"] = true
        #expect(try client.send("PUT", "/api/systemconfiguration", json: retry).status == 200)
    }

    @Test("PATCH replace with by-name refs; limits on the number of refs")
    func patchReplace() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let patch: [String: Any] = ["replace": ["portal_configuration": ["sslkeyandcertificate_refs": [
            "/api/sslkeyandcertificate?name=System-Default-Cert",
        ]]]]
        let response = try client.send("PATCH", "/api/systemconfiguration", json: patch)
        #expect(response.status == 200)
        let portal = response.json.dict("portal_configuration")
        let refs = portal["sslkeyandcertificate_refs"] as? [String] ?? []
        #expect(refs.count == 1)
        #expect(refs[0].hasSuffix("#System-Default-Cert"))
        #expect(portal["enable_https"] as? Bool == true, "one level deep: siblings are kept")
        let three: [String: Any] = ["replace": ["portal_configuration": ["sslkeyandcertificate_refs": [
            "/api/sslkeyandcertificate?name=System-Default-Cert", "/api/sslkeyandcertificate?name=System-Default-Cert-EC",
            "/api/sslkeyandcertificate?name=System-Default-Portal-Cert",
        ]]]]
        #expect(try client.send("PATCH", "/api/systemconfiguration", json: three).status == 400)
        let two: [String: Any] = ["replace": ["secure_channel_configuration": ["sslkeyandcertificate_refs": [
            "/api/sslkeyandcertificate?name=System-Default-Cert", "/api/sslkeyandcertificate?name=System-Default-Cert-EC",
        ]]]]
        #expect(try client.send("PATCH", "/api/systemconfiguration", json: two).status == 400)
        let unknown: [String: Any] = ["replace": ["secure_channel_configuration": ["sslkeyandcertificate_refs": [
            "/api/sslkeyandcertificate?name=no-such-cert",
        ]]]]
        #expect(try client.send("PATCH", "/api/systemconfiguration", json: unknown).status == 400)
    }

    @Test("secure-channel must-checks refuse the change until they pass; mappings re-authenticate")
    func mustChecks() async throws {
        let sim = try await Sim.start { $0.enforceSecureChannelChecks = true }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let certs = try client.get("/api/sslkeyandcertificate?page_size=100").json.list("results")
        let target = try #require(certs.first { $0.string("type") == "SSL_CERTIFICATE_TYPE_SYSTEM" && !($0.string("name") ?? "").hasPrefix("System-Default-") })
        let fullURL = try #require(target.string("url"))
        let patch: [String: Any] = ["replace": ["secure_channel_configuration": ["sslkeyandcertificate_refs": [fullURL]]]]
        let refused = try client.send("PATCH", "/api/systemconfiguration", json: patch)
        #expect(refused.status == 400)
        let message = refused.json.string("error") ?? ""
        #expect(message.contains("Service Engines"))
        #expect(message.contains("Default-Cloud"))
        #expect(message.contains("3 nodes"))
        sim.simulator.removeAllServiceEngines()
        sim.simulator.setClouds(noAccessOnly: true)
        #expect(try client.send("PATCH", "/api/systemconfiguration", json: patch).status == 400)
        sim.simulator.setClusterSingleNode()
        let accepted = try client.send("PATCH", "/api/systemconfiguration", json: patch)
        #expect(accepted.status == 200)
        let runtime = try client.get("/api/cluster/runtime").json
        #expect(runtime.dict("cluster_state").string("state") == "CLUSTER_UP_NO_HA")
        let during = try client.get("/api/securechannelmapping").json.list("results")
        #expect(during.count == 1)
        // CONNECTED until the next heartbeat; a slow machine may already have re-authenticated.
        #expect(during.allSatisfy { ["SECURE_CHANNEL_CONNECTED", "SECURE_CHANNEL_AUTH_SSH_SUCCESS"].contains($0.string("status")) })
        try await Task.sleep(for: .milliseconds(3200))
        let after = try client.get("/api/securechannelmapping").json.list("results")
        #expect(after.allSatisfy { $0.string("status") == "SECURE_CHANNEL_AUTH_SSH_SUCCESS" })
        let recorded = sim.simulator.mutatingRequests().filter { $0.method == "PATCH" }
        #expect(recorded.map(\.status) == [400, 400, 200])
    }

    @Test("bypass_secure_channel_must_checks per release", arguments: [
        ("18.2.6", 200), ("20.1.9", 400), ("22.1.6", 400),
    ])
    func bypassFlag(version: String, expected: Int) async throws {
        let sim = try await Sim.start {
            $0.version = version
            $0.enforceSecureChannelChecks = true
        }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn(apiVersion: version)
        let config = try client.get("/api/systemconfiguration").json
        #expect((config.dict("secure_channel_configuration")["bypass_secure_channel_must_checks"] != nil) == (version != "22.1.6"))
        let patch: [String: Any] = ["replace": ["secure_channel_configuration": [
            "sslkeyandcertificate_refs": ["/api/sslkeyandcertificate?name=System-Default-Portal-Cert"],
            "bypass_secure_channel_must_checks": true,
        ]]]
        let response = try client.send("PATCH", "/api/systemconfiguration", json: patch)
        #expect(response.status == expected)
        if version == "22.1.6" {
            #expect(response.json.string("error")?.contains("bypass_secure_channel_must_checks") == true)
        }
    }

    @Test("import a PEM certificate and key; duplicates and mismatches are refused")
    func importCertificate() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let (certificate, key) = try OpenSSL.selfSigned(commonName: "rotated.example.com", days: 90)
        let (_, otherKey) = try OpenSSL.selfSigned(commonName: "other", days: 1)
        let body: [String: Any] = [
            "name": "secure-channel-2026", "type": "SSL_CERTIFICATE_TYPE_SYSTEM",
            "certificate": ["certificate": certificate], "key": key,
        ]
        let created = try client.send("POST", "/api/sslkeyandcertificate", json: body)
        #expect(created.status == 201)
        let location = try #require(created.header("Location"))
        #expect(location.hasSuffix("#secure-channel-2026"))
        #expect(created.json.dict("certificate").dict("subject").string("common_name") == "rotated.example.com")
        #expect(created.json.dict("key_params").string("algorithm") == "SSL_KEY_ALGORITHM_EC")
        let uuid = try #require(created.json.string("uuid"))
        let fetched = try client.get("/api/sslkeyandcertificate/\(uuid)").json
        #expect(fetched.string("key") == "<sensitive>")
        #expect(fetched.dict("certificate").string("certificate")?.contains("BEGIN CERTIFICATE") == true)
        #expect(try client.send("POST", "/api/sslkeyandcertificate", json: body).status == 409)
        var mismatched = body
        mismatched["name"] = "mismatch"
        mismatched["key"] = otherKey
        #expect(try client.send("POST", "/api/sslkeyandcertificate", json: mismatched).status == 400)
        let recorded = try #require(sim.simulator.mutatingRequests().last { $0.path == "/api/sslkeyandcertificate" })
        #expect(!recorded.body.contains("PRIVATE KEY"), "keys are masked in the recording")
        // Self-signed creation.
        let selfSigned: [String: Any] = [
            "name": "self-made", "type": "SSL_CERTIFICATE_TYPE_SYSTEM",
            "certificate": ["self_signed": true, "days_until_expire": 30, "subject": ["common_name": "self.example.com"]],
            "key_params": ["algorithm": "SSL_KEY_ALGORITHM_EC", "ec_params": ["curve": "SSL_KEY_EC_CURVE_SECP256R1"]],
        ]
        let made = try client.send("POST", "/api/sslkeyandcertificate", json: selfSigned)
        #expect(made.status == 201)
        #expect(made.json.dict("certificate").string("not_after") != nil)
    }

    @Test("system default objects: PUT allowed, DELETE refused; singleton DELETE is 405")
    func systemDefaults() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let before = try #require(sim.simulator.storedObjectJSON(type: "sslkeyandcertificate", name: "System-Default-Secure-Channel-Cert"))
        let list = try client.get("/api/sslkeyandcertificate?name=System-Default-Secure-Channel-Cert").json.list("results")
        let uuid = try #require(list.first?.string("uuid"))
        let deleted = try client.send("DELETE", "/api/sslkeyandcertificate/\(uuid)")
        #expect(deleted.status == 400)
        #expect(deleted.json.string("error")?.contains("Cannot delete system default object") == true)
        #expect(sim.simulator.storedObjectJSON(type: "sslkeyandcertificate", name: "System-Default-Secure-Channel-Cert") == before)
        let singleton = try client.send("DELETE", "/api/systemconfiguration")
        #expect(singleton.status == 405)
        #expect(singleton.json.string("error")?.contains("Method 'DELETE' not allowed") == true)
        let put = try client.send("PATCH", "/api/sslkeyandcertificate/\(uuid)", json: ["replace": ["enable_ocsp_stapling": true]])
        #expect(put.status == 200, "the API itself allows editing; refusing is the client's job")
        #expect(sim.simulator.storedObjectJSON(type: "sslkeyandcertificate", name: "System-Default-Secure-Channel-Cert") != before)
    }
}

/// Test fixtures made with the openssl command line.
enum OpenSSL {
    static func selfSigned(commonName: String, days: Int) throws -> (certificate: String, key: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("simtest-ossl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certPath = directory.appendingPathComponent("c.pem").path
        let keyPath = directory.appendingPathComponent("k.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                             "-subj", "/CN=\(commonName)", "-days", String(days), "-keyout", keyPath, "-out", certPath]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (try String(contentsOfFile: certPath, encoding: .utf8), try String(contentsOfFile: keyPath, encoding: .utf8))
    }
}
