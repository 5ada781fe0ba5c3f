import Foundation

/// Typed reads and the few writes avitui makes. Every collection is read in a constant
/// number of requests whatever the number of objects (paging aside): Service Engines with
/// their runtime in one joined collection, virtual services with a field projection.
public struct AviClient: Sendable {
    public let session: AviSession

    public init(session: AviSession) { self.session = session }

    public init(settings: ConnectionSettings, log: RequestLog = RequestLog()) {
        self.session = AviSession(settings: settings, log: log)
    }

    // MARK: Cluster

    public func clusterConfig() async throws -> ClusterConfig {
        try await session.object(ClusterConfig.self, "/api/cluster")
    }

    public func clusterRuntime() async throws -> ClusterRuntime {
        try await session.object(ClusterRuntime.self, "/api/cluster/runtime")
    }

    // MARK: Service Engines and the secure channel

    /// The SE fields the screens show. `runtime` is listed as well as joined, so it survives
    /// the projection whichever the controller applies first (`fields=` is documented for
    /// top-level fields only, REFERENCE §2.3; the joined runtime comes whole).
    static let serviceEngineFields = "name,cloud_ref,se_group_ref,mgmt_vnic,runtime"

    /// Every SE with its runtime, across tenants (only the fields the console shows).
    public func serviceEngines() async throws -> CollectionResult<ServiceEngine> {
        try await session.collection(ServiceEngine.self, "/api/serviceengine",
                                     query: [URLQueryItem(name: "join_subresources", value: "runtime"),
                                             URLQueryItem(name: "fields", value: Self.serviceEngineFields),
                                             URLQueryItem(name: "include_name", value: "true")], tenant: "*")
    }

    /// How many SEs exist (one request, one object).
    public func serviceEngineCount() async throws -> Int {
        try await session.collection(ServiceEngine.self, "/api/serviceengine",
                                     query: [URLQueryItem(name: "fields", value: "name")], tenant: "*", limit: 1).count
    }

    /// Leaves out the peers' public keys, most of each mapping's bytes.
    static let mappingFields = "ip,local_ip,is_controller,marked_for_delete,status"

    public func secureChannelMappings() async throws -> CollectionResult<SecureChannelMapping> {
        try await session.collection(SecureChannelMapping.self, "/api/securechannelmapping",
                                     query: [URLQueryItem(name: "fields", value: Self.mappingFields)], tenant: "*")
    }

    // MARK: Certificates

    static let certificateFields = "name,uuid,type,certificate,key,key_params,status,_last_modified,tenant_ref"

    /// Every certificate across tenants; `fields=` leaves out OCSP and other bulk. PEM bodies
    /// are kept only when asked (`keepBodies`): the console's list does not need them.
    public func certificates(keepBodies: Bool = false) async throws -> CollectionResult<SSLKeyAndCertificate> {
        try await session.collection(SSLKeyAndCertificate.self, "/api/sslkeyandcertificate",
                                     query: [URLQueryItem(name: "fields", value: Self.certificateFields)], tenant: "*",
                                     keepBodies: keepBodies)
    }

    public func certificate(uuid: String) async throws -> SSLKeyAndCertificate {
        try await session.object(SSLKeyAndCertificate.self, "/api/sslkeyandcertificate/\(uuid)", tenant: "*")
    }

    public func certificate(named name: String) async throws -> SSLKeyAndCertificate? {
        try await session.collection(SSLKeyAndCertificate.self, "/api/sslkeyandcertificate",
                                     query: [URLQueryItem(name: "name", value: name)], tenant: "*", keepBodies: true).items.first
    }

    /// The stored object exactly as the controller returns it, for before/after comparisons.
    public func rawCertificate(uuid: String) async throws -> JSONValue {
        try await session.object(JSONValue.self, "/api/sslkeyandcertificate/\(uuid)", tenant: "*")
    }

    /// Creates (imports) a certificate; the controller's POST reply lacks some fields, so it is read again.
    public func createCertificate(_ body: JSONValue) async throws -> SSLKeyAndCertificate {
        let response = try await session.send(.post, "/api/sslkeyandcertificate", body: try body.encoded())
        let created = try AviSession.decode(SSLKeyAndCertificate.self, from: response.body, path: "/api/sslkeyandcertificate",
                                            keepBodies: true)
        return (try? await certificate(uuid: created.uuid)) ?? created
    }

    // MARK: Virtual services that use certificates

    /// Name and certificate refs of every VS: one paged read instead of one `refers_to` per certificate.
    public func virtualServicesWithCertificates() async throws -> CollectionResult<VirtualService> {
        try await session.collection(VirtualService.self, "/api/virtualservice",
                                     query: [URLQueryItem(name: "fields", value: "name,ssl_key_and_certificate_refs")], tenant: "*")
    }

    /// The virtual services that refer to one certificate (`refers_to=`).
    public func virtualServices(referringTo certificateUUID: String) async throws -> [VirtualService] {
        try await session.collection(VirtualService.self, "/api/virtualservice",
                                     query: [URLQueryItem(name: "refers_to", value: "sslkeyandcertificate:\(certificateUUID)"),
                                             URLQueryItem(name: "fields", value: "name,ssl_key_and_certificate_refs")],
                                     tenant: "*").items
    }

    // MARK: System configuration

    public func systemConfiguration() async throws -> SystemConfiguration {
        let response = try await session.send(.get, "/api/systemconfiguration")
        return SystemConfiguration(raw: try AviSession.decode(JSONValue.self, from: response.body, path: "/api/systemconfiguration"))
    }

    /// PUT of the whole object; its `_last_modified` makes a concurrent change fail with 412 instead of being overwritten.
    public func putSystemConfiguration(_ configuration: SystemConfiguration) async throws -> SystemConfiguration {
        let response = try await session.send(.put, "/api/systemconfiguration", body: try configuration.raw.encoded())
        return SystemConfiguration(raw: try AviSession.decode(JSONValue.self, from: response.body, path: "/api/systemconfiguration"))
    }

    // MARK: Alerts and clouds

    /// What alert lines, screens and JSON show; leaves out thresholds, configs and related uuids.
    static let alertFields = "level,state,summary,reason,description,obj_uuid,obj_name,timestamp,events"

    /// The newest alerts, newest first (one request for up to 200).
    public func newestAlerts(limit: Int = 200) async throws -> CollectionResult<Alert> {
        try await session.collection(Alert.self, "/api/alert", query: [URLQueryItem(name: "sort", value: "-timestamp"),
                                                                       URLQueryItem(name: "fields", value: Self.alertFields)],
                                     tenant: "*", limit: limit)
    }

    /// Every alert, newest first.
    public func allAlerts() async throws -> CollectionResult<Alert> {
        try await session.collection(Alert.self, "/api/alert", query: [URLQueryItem(name: "sort", value: "-timestamp"),
                                                                       URLQueryItem(name: "fields", value: Self.alertFields)],
                                     tenant: "*")
    }

    /// The newest alert's uuid and timestamp and the total count: one small request.
    public func alertMarker() async throws -> (count: Int, newest: String?) {
        let page = try await session.collection(AlertStamp.self, "/api/alert",
                                                query: [URLQueryItem(name: "sort", value: "-timestamp"),
                                                        URLQueryItem(name: "fields", value: "timestamp")], tenant: "*", limit: 1)
        return (page.count, page.items.first?.uuid)
    }

    /// The uuid of every alert (plus the name and url the controller always adds): to forget
    /// alerts that were removed without reading every alert again.
    public func alertUUIDs() async throws -> CollectionResult<AlertStamp> {
        try await session.collection(AlertStamp.self, "/api/alert",
                                     query: [URLQueryItem(name: "sort", value: "-timestamp"),
                                             URLQueryItem(name: "fields", value: "timestamp")], tenant: "*")
    }

    public func clouds() async throws -> CollectionResult<Cloud> {
        try await session.collection(Cloud.self, "/api/cloud", tenant: "*")
    }

    // MARK: The user

    /// Whether the logged-in user may write the system configuration (REFERENCE.md §3.10):
    /// a superuser may; otherwise a role bound to `admin` or all tenants must grant
    /// `PERMISSION_SYSTEMCONFIGURATION` write access. Unknown → false (fail safe).
    public func canWriteSystemConfiguration() async -> Bool {
        guard let login = await session.login else { return false }
        if login.user?.isSuperuser == true { return true }
        guard let username = login.user?.username ?? Optional(session.settings.username),
              let users = try? await session.collection(AviUser.self, "/api/user",
                                                        query: [URLQueryItem(name: "username", value: username)], tenant: "admin"),
              let user = users.items.first(where: { $0.username == username }) ?? users.items.first
        else { return false }
        if user.isSuperuser == true { return true }
        for access in user.access ?? [] {
            let tenantOK = access.allTenants == true || access.tenantRef?.uuid == "admin" || access.tenantRef?.name == "admin"
            guard tenantOK, let roleUUID = access.roleRef?.uuid,
                  let role = try? await session.object(AviRole.self, "/api/role/\(roleUUID)", tenant: "admin") else { continue }
            if role.privileges?.contains(where: { $0.resource == "PERMISSION_SYSTEMCONFIGURATION" && $0.type == "WRITE_ACCESS" }) == true {
                return true
            }
        }
        return false
    }
}
