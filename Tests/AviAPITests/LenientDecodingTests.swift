import AviAPI
import Foundation
import Simulator
import Testing

/// Issue 9 item 22: one wrongly typed field that the console never shows costs that field,
/// never the object, the collection or the login; an object we cannot use is kept with its problem.
@Suite("Lenient decoding against a simulator serving odd fields")
struct LenientDecodingTests {
    @Test func aMistypedIdleTimeoutInTheLoginReplyDoesNotStopTheLogin() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        fixture.simulator.setFieldFaults([
            FieldFault(pathPrefix: "/login", field: "controller.api_idle_timeout"),
            FieldFault(pathPrefix: "/login", field: "user.is_superuser"),
            FieldFault(pathPrefix: "/login", field: "tenants"),
        ])
        let client = fixture.client(readOnly: true)
        let runtime = try await client.clusterRuntime()
        #expect(!runtime.nodeStates.isEmpty)
        let login = try #require(await client.session.login)
        #expect(login.version?.version != nil, "the fields we use are still read")
        #expect(login.controller?.apiIdleTimeout == nil)
        #expect(login.user?.isSuperuser == nil)
    }

    @Test func mistypedFieldsTheConsoleDoesNotShowLeaveEveryObjectReadable() async throws {
        let fixture = try await SimulatorFixture.start { $0.certificates = 20 }
        defer { Task { await fixture.stop() } }
        fixture.simulator.setFieldFaults([
            FieldFault(pathPrefix: "/api/systemconfiguration", field: "ssh_ciphers"),
            FieldFault(pathPrefix: "/api/serviceengine", field: "mgmt_vnic.vnic_networks", firstOnly: false),
            FieldFault(pathPrefix: "/api/serviceengine", field: "runtime.power_state"),
            FieldFault(pathPrefix: "/api/sslkeyandcertificate", field: "certificate.serial_number", firstOnly: false),
            FieldFault(pathPrefix: "/api/sslkeyandcertificate", field: "key_params"),
            FieldFault(pathPrefix: "/api/securechannelmapping", field: "local_ip"),
            FieldFault(pathPrefix: "/api/alert", field: "events", firstOnly: false),
            FieldFault(pathPrefix: "/api/cluster", field: "virtual_ip"),
        ])
        let client = fixture.client(readOnly: true)
        let configuration = try await client.systemConfiguration()
        #expect(!configuration.secureChannelCertificateRefs.isEmpty)
        let engines = try await client.serviceEngines()
        #expect(engines.items.count == 12 && engines.unusable.isEmpty)
        #expect(engines.items.allSatisfy { $0.runtime?.operStatus?.state != nil }, "runtime still read")
        let certificates = try await client.certificates()
        #expect(certificates.items.count == 26 && certificates.unusable.isEmpty)
        #expect(certificates.items.allSatisfy { $0.notAfter != nil }, "expiry still read")
        let mappings = try await client.secureChannelMappings()
        #expect(mappings.items.count == 15)
        let alerts = try await client.allAlerts()
        #expect(!alerts.items.isEmpty && alerts.unusable.isEmpty)
        _ = try await client.clusterConfig()
    }

    @Test func anSEWithoutANameIsShownUnderItsUUID() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        fixture.simulator.setFieldFaults([FieldFault(pathPrefix: "/api/serviceengine", field: "name", change: .remove)])
        let engines = try await fixture.client(readOnly: true).serviceEngines()
        #expect(engines.items.count == 12)
        let first = try #require(engines.items.first)
        #expect(first.name == first.uuid)
    }

    @Test func anObjectWithoutAUUIDIsKeptWithItsProblemNotDropped() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        fixture.simulator.setFieldFaults([FieldFault(pathPrefix: "/api/serviceengine", field: "uuid")])
        let engines = try await fixture.client(readOnly: true).serviceEngines()
        #expect(engines.items.count == 11, "the other SEs are read")
        let problem = try #require(engines.unusable.first)
        #expect(engines.unusable.count == 1)
        #expect(problem.index == 0)
        #expect(problem.name?.hasPrefix("Avi-se-") == true, "named so the operator can find it")
        #expect(problem.problem.contains("uuid"))
    }

    @Test func aCloudWhoseTypeCannotBeReadIsNeverTakenForNoAccess() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        fixture.simulator.setFieldFaults([FieldFault(pathPrefix: "/api/cloud", field: "vtype", firstOnly: false)])
        let clouds = try await fixture.client(readOnly: true).clouds()
        #expect(!clouds.items.isEmpty)
        #expect(clouds.items.allSatisfy { !$0.isNoAccess })
    }
}
