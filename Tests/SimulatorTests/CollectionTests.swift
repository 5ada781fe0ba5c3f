import Foundation
import Testing
@testable import Simulator

@Suite("collections and objects")
struct CollectionTests {
    @Test("paging over 5,000 certificates follows next links to the end")
    func pagingLargeCertificateSet() async throws {
        let sim = try await Sim.start { $0.certificates = 5000 }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        var path: String? = "/api/sslkeyandcertificate?page_size=200&fields=name,type,certificate"
        var names = Set<String>()
        var pages = 0
        var total = 0
        let started = Date()
        while let next = path {
            let response = try client.get(next)
            try #require(response.status == 200)
            let body = response.json
            total = body["count"] as? Int ?? -1
            for item in body.list("results") {
                names.insert(item.string("name") ?? "")
                #expect(item.dict("certificate").string("certificate")?.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
            }
            pages += 1
            if let url = body.string("next") {
                #expect(url.hasPrefix(sim.endpoint.url.absoluteString + "/api/sslkeyandcertificate?page=\(pages + 1)"))
                path = String(url.dropFirst(sim.endpoint.url.absoluteString.count))
            } else {
                path = nil
            }
        }
        #expect(total == 5006)
        #expect(names.count == 5006)
        #expect(pages == 26)
        print("paged 5,006 certificates in \(Date().timeIntervalSince(started)) s")
    }

    @Test("envelope, default page size, cap, name filter, empty result")
    func envelope() async throws {
        let sim = try await Sim.start { $0.alerts = 60 }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let first = try client.get("/api/alert").json
        #expect(first["count"] as? Int == 60)
        #expect(first.list("results").count == 25)
        #expect(first.string("next")?.contains("page=2") == true)
        let capped = try client.get("/api/alert?page_size=1000").json
        #expect(capped.list("results").count == 60)
        #expect(capped["next"] == nil)
        let last = try client.get("/api/alert?page=3").json
        #expect(last.list("results").count == 10)
        #expect(last["next"] == nil)
        let none = try client.get("/api/serviceengine?name=does-not-exist")
        #expect(none.text == "{\"count\": 0, \"results\": []}")
        let one = try client.get("/api/cloud?name=Default-Cloud").json
        #expect(one["count"] as? Int == 1)
        let monitor = try client.get("/api/user?username=\(sim.endpoint.readOnlyUsername)").json.list("results")
        #expect(monitor.count == 1)
        #expect(monitor.first?["is_superuser"] as? Bool == false)
        let roleRef = (monitor.first?["access"] as? [[String: Any]])?.first?["role_ref"] as? String ?? ""
        let role = try client.get(String(roleRef.dropFirst(sim.endpoint.url.absoluteString.count))).json
        #expect((role["privileges"] as? [[String: Any]])?.allSatisfy { $0["type"] as? String == "READ_ACCESS" } == true)
        let caOnly = try client.get("/api/sslkeyandcertificate?type=SSL_CERTIFICATE_TYPE_CA&page_size=200").json.list("results")
        #expect(!caOnly.isEmpty && caOnly.allSatisfy { $0.string("type") == "SSL_CERTIFICATE_TYPE_CA" })
        let cloud = one.list("results")[0]
        #expect(cloud.string("vtype") == "CLOUD_VCENTER")
        #expect(cloud.dict("vcenter_configuration").string("privilege") == "WRITE_ACCESS")
        #expect(cloud.dict("vcenter_configuration").string("password") == "<sensitive>")
    }

    @Test("fields projection keeps uuid, name and url; include_name; sort")
    func projectionAndSort() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let projected = try client.get("/api/sslkeyandcertificate?fields=type&page_size=5").json.list("results")
        #expect(projected.allSatisfy { Set($0.keys) == ["uuid", "name", "url", "type"] })
        let refs = try client.get("/api/serviceengine?include_name&page_size=1").json.list("results")[0]
        #expect(refs.string("cloud_ref")?.contains("#") == true)
        #expect(refs.string("url")?.hasPrefix(sim.endpoint.url.absoluteString + "/api/serviceengine/se-") == true)
        let plain = try client.get("/api/serviceengine?page_size=1").json.list("results")[0]
        #expect(plain.string("cloud_ref")?.contains("#") == false)
        let sorted = try client.get("/api/sslkeyandcertificate?sort=-name&page_size=200&fields=name").json.list("results")
        let names = sorted.compactMap { $0.string("name") }
        #expect(names == names.sorted(by: >))
        let byExpiry = try client.get("/api/sslkeyandcertificate?sort=certificate.not_after&page_size=200").json.list("results")
        let dates = byExpiry.compactMap { $0.dict("certificate").string("not_after") }
        #expect(dates == dates.sorted())
    }

    @Test("served bytes are counted per path; a projection costs less than the whole objects")
    func servedBytes() async throws {
        let sim = try await Sim.start()
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        sim.simulator.resetCounters()
        let whole = try client.get("/api/securechannelmapping?page_size=200")
        let wholeBytes = sim.simulator.servedBytes()
        #expect(wholeBytes > whole.body.count)
        let projected = try client.get("/api/securechannelmapping?page_size=200&fields=status,ip")
        let projectedBytes = sim.simulator.servedBytes() - wholeBytes
        #expect(projectedBytes > projected.body.count)
        #expect(projectedBytes < wholeBytes / 2)
        let entry = sim.simulator.servedByPath()["/api/securechannelmapping"]
        #expect(entry?.requests == 2)
        #expect(entry?.bytes == sim.simulator.servedBytes())
    }

    @Test("certificates: system defaults, types, spread of expiries, masked keys")
    func certificates() async throws {
        let sim = try await Sim.start { $0.certificates = 40 }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let all = try client.get("/api/sslkeyandcertificate?page_size=200").json.list("results")
        #expect(all.count == 46)
        let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.string("name") ?? "", $0) })
        let expectedTypes = [
            "System-Default-Root-CA": "SSL_CERTIFICATE_TYPE_CA",
            "System-Default-Portal-Cert": "SSL_CERTIFICATE_TYPE_SYSTEM",
            "System-Default-Portal-Cert-EC256": "SSL_CERTIFICATE_TYPE_SYSTEM",
            "System-Default-Secure-Channel-Cert": "SSL_CERTIFICATE_TYPE_SYSTEM",
            "System-Default-Cert": "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
            "System-Default-Cert-EC": "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
        ]
        for (name, type) in expectedTypes { #expect(byName[name]?.string("type") == type, "\(name)") }
        let statuses = Set(all.compactMap { $0.dict("certificate").string("expiry_status") })
        #expect(statuses == ["SSL_CERTIFICATE_GOOD", "SSL_CERTIFICATE_EXPIRY_WARNING", "SSL_CERTIFICATE_EXPIRED"])
        #expect(all.allSatisfy { $0.dict("certificate")["days_until_expire"] as? Int == 365 })
        #expect(all.contains { $0["key"] == nil })
        #expect(all.filter { $0["key"] != nil }.allSatisfy { $0.string("key") == "<sensitive>" })
        let algorithms = Set(all.compactMap { $0.dict("key_params").string("algorithm") })
        #expect(algorithms == ["SSL_KEY_ALGORITHM_RSA", "SSL_KEY_ALGORITHM_EC"])
        let sample = try #require(byName["System-Default-Portal-Cert"]).dict("certificate")
        #expect(sample.string("fingerprint")?.hasPrefix("SHA1 Fingerprint=") == true)
        #expect(sample.string("public_key")?.hasPrefix("-----BEGIN PUBLIC KEY-----") == true)
        #expect(sample.string("not_after")?.count == 19)
        #expect(sample.dict("issuer").string("common_name") == "System-Default-Root-CA")
        // Within 7 days as well as within 30.
        let soon = all.filter { cert in
            guard let text = cert.dict("certificate").string("not_after"), let date = TimeFormat.parseSpaced(text) else { return false }
            let days = date.timeIntervalSince(Sim.fixedNow) / 86400
            return days > 0 && days <= 7
        }
        #expect(!soon.isEmpty)
    }

    @Test("service engines with runtime, mappings, cluster, inventory, alerts")
    func serviceEnginesAndTunnels() async throws {
        let sim = try await Sim.start {
            $0.serviceEngines = 20
            $0.alerts = 100
        }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let ses = try client.get("/api/serviceengine?join_subresources=runtime&page_size=100").json.list("results")
        #expect(ses.count == 20)
        let states = Set(ses.compactMap { $0.dict("runtime").dict("oper_status").string("state") })
        #expect(states.contains("OPER_UP") && states.contains("OPER_DOWN"))
        #expect(ses.contains { $0.dict("runtime")["se_connected"] as? Bool == false })
        let ip = (ses[0].dict("mgmt_vnic").list("vnic_networks").first?.dict("ip").dict("ip_addr").string("addr")) ?? ""
        #expect(ip.hasPrefix("10.10."))
        let mappings = try client.get("/api/securechannelmapping?page_size=100").json.list("results")
        #expect(mappings.count == 23)
        #expect(mappings.filter { $0["is_controller"] as? Bool == true }.count == 3)
        let mappingStatuses = Set(mappings.compactMap { $0.string("status") })
        #expect(mappingStatuses.contains("SECURE_CHANNEL_AUTH_TOKEN_SUCCESS"))
        #expect(mappingStatuses.contains { $0.hasSuffix("_FAILED") })
        #expect(mappings.allSatisfy { ($0.string("local_ip") ?? "").hasPrefix("100.6") })
        let cluster = try client.get("/api/cluster").json
        #expect(cluster.list("nodes").count == 3)
        #expect(cluster.string("uuid")?.hasPrefix("cluster-") == true)
        let inventory = try client.get("/api/serviceengine-inventory?page_size=5").json
        #expect(inventory["count"] as? Int == 20)
        #expect(inventory.list("results")[0].dict("config")["mgmt_ip_address"] != nil)
        let runtime = try client.get("/api/serviceengine/\(ses[0].string("uuid") ?? "")/runtime").json
        #expect(runtime["se_connected"] != nil)
        let alerts = try client.get("/api/alert?page_size=200").json.list("results")
        #expect(Set(alerts.compactMap { $0.string("level") }) == ["ALERT_LOW", "ALERT_MEDIUM", "ALERT_HIGH"])
        #expect(alerts.allSatisfy { $0["timestamp"] is Double && !($0.list("events").isEmpty) })
        let vs = try client.get("/api/virtualservice?page_size=1").json.list("results")[0]
        let certRef = (vs["ssl_key_and_certificate_refs"] as? [String])?.first ?? ""
        let uuid = String(certRef.split(separator: "/").last ?? "")
        let referring = try client.get("/api/virtualservice?refers_to=sslkeyandcertificate:\(uuid)").json
        #expect((referring["count"] as? Int ?? 0) >= 1)
        let referred = try client.get("/api/sslkeyandcertificate?referred_by=virtualservice:\(vs.string("uuid") ?? "")").json
        #expect((referred["count"] as? Int ?? 0) >= 1)
    }

    @Test("tenant header: admin, all tenants, unknown")
    func tenants() async throws {
        let sim = try await Sim.start { $0.certificates = 40 }
        defer { Task { await sim.stop() } }
        let client = try sim.loggedIn()
        let admin = try client.get("/api/virtualservice", headers: ["X-Avi-Tenant": "admin"]).json["count"] as? Int ?? 0
        let all = try client.get("/api/virtualservice", headers: ["X-Avi-Tenant": "*"]).json["count"] as? Int ?? 0
        #expect(all > admin)
        #expect(try client.get("/api/virtualservice", headers: ["X-Avi-Tenant": "nope"]).status == 400)
    }
}
