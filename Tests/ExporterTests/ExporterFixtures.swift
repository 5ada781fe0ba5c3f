import AviAPI
import Console
import Foundation

/// Snapshots built from controller-shaped JSON, for exposition tests that need no network.
enum ExporterFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    static func snapshot() -> Snapshot {
        Snapshot(connection: ConnectionInfo(controller: "https://ctrl.example", username: "monitor", tenant: "admin", readOnly: true,
                                            insecure: false))
    }

    /// A certificate expiring `days` days after `now`; `name` goes into the JSON escaped.
    static func certificate(_ name: String, days: Double, uuid: String, commonName: String = "www.example.com") throws -> SSLKeyAndCertificate {
        let notAfter = AviDate.controllerFormat(now.addingTimeInterval(days * 86_400))
        let object: [String: Any] = [
            "uuid": uuid, "name": name, "type": "SSL_CERTIFICATE_TYPE_VIRTUALSERVICE",
            "certificate": ["not_after": notAfter, "not_before": "2025-01-01 00:00:00",
                            "subject": ["common_name": commonName], "issuer": ["common_name": "Example CA"]],
        ]
        return try JSONDecoder().decode(SSLKeyAndCertificate.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// Every resource read at `now`: two certificates (one used by the secure channel), a
    /// 3-node cluster, two SEs, three mappings and two alerts.
    static func fullSnapshot(certificateNames: [String] = ["web-cert", "System-Default-Secure-Channel-Cert"]) throws -> Snapshot {
        var snapshot = snapshot()
        let certificates = try certificateNames.enumerated().map { index, name in
            try certificate(name, days: Double(10 + index * 100), uuid: "sslkeyandcertificate-\(index)")
        }
        snapshot.certificates = Resource(value: certificates, fetchedAt: now)
        snapshot.systemConfiguration = Resource(value: SystemConfiguration(raw: try decode(JSONValue.self, #"{"uuid":"default","portal_configuration":{},"secure_channel_configuration":{}}"#)),
                                                fetchedAt: now)
        snapshot.virtualServices = Resource(value: try decode([VirtualService].self,
            #"[{"uuid":"vs-1","name":"shop","ssl_key_and_certificate_refs":["https://ctrl/api/sslkeyandcertificate/sslkeyandcertificate-0"]}]"#), fetchedAt: now)
        snapshot.clouds = Resource(value: [], fetchedAt: now)
        snapshot.clusterRuntime = Resource(value: try decode(ClusterRuntime.self, #"""
            {"cluster_state":{"state":"CLUSTER_UP_HA_ACTIVE"},"node_states":[
             {"name":"10.0.0.1","role":"CLUSTER_LEADER","state":"CLUSTER_ACTIVE"},
             {"name":"10.0.0.2","role":"CLUSTER_FOLLOWER","state":"CLUSTER_ACTIVE"},
             {"name":"10.0.0.3","role":"CLUSTER_FOLLOWER","state":"CLUSTER_INACTIVE"}]}
            """#), fetchedAt: now)
        snapshot.clusterConfig = Resource(value: try decode(ClusterConfig.self, #"""
            {"name":"cluster-0-1","nodes":[{"name":"10.0.0.1"},{"name":"10.0.0.2"},{"name":"10.0.0.3"}]}
            """#), fetchedAt: now)
        snapshot.serviceEngines = Resource(value: try decode([ServiceEngine].self, #"""
            [{"uuid":"se-1","name":"se-1","runtime":{"oper_status":{"state":"OPER_UP"},"se_connected":true}},
             {"uuid":"se-2","name":"se-2","runtime":{"oper_status":{"state":"OPER_DOWN"},"se_connected":false}}]
            """#), fetchedAt: now)
        snapshot.secureChannel = Resource(value: try decode([SecureChannelMapping].self, #"""
            [{"uuid":"se-1","name":"se-1","is_controller":false,"status":"SECURE_CHANNEL_AUTH_TOKEN_SUCCESS"},
             {"uuid":"se-2","name":"se-2","is_controller":false,"status":"SECURE_CHANNEL_AUTH_TOKEN_FAILED"},
             {"uuid":"node-1","name":"10.0.0.1","is_controller":true,"status":"SECURE_CHANNEL_AUTH_TOKEN_SUCCESS"}]
            """#), fetchedAt: now)
        snapshot.alerts = Resource(value: try decode([Alert].self, #"""
            [{"uuid":"a-1","level":"ALERT_HIGH","timestamp":1795000000},{"uuid":"a-2","level":"ALERT_LOW","timestamp":1795000001}]
            """#), fetchedAt: now)
        snapshot.deriveIndexes()
        return snapshot
    }
}
