import AviAPI
import Console
import Foundation

/// Snapshots built from controller-shaped JSON, for the check and alert tests.
enum CheckFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    static func snapshot() -> Snapshot {
        Snapshot(connection: ConnectionInfo(controller: "https://ctrl", username: "admin", tenant: "admin", readOnly: true, insecure: false))
    }

    /// A certificate whose not-after is `days` days (plus an hour, so rounding is clear) from `now`.
    static func certificate(_ name: String, days: Double?, uuid: String? = nil) throws -> SSLKeyAndCertificate {
        let notAfter = days.map { AviDate.controllerFormat(now.addingTimeInterval($0 * 86_400 + 3600)) }
        let certificate = notAfter.map { #","certificate":{"not_after":"\#($0)","not_before":"2020-01-01 00:00:00"}"# } ?? ""
        let id = uuid ?? "sslkeyandcertificate-" + name
        return try decode(SSLKeyAndCertificate.self,
                          #"{"uuid":"\#(id)","name":"\#(name)","type":"SSL_CERTIFICATE_TYPE_VIRTUALSERVICE"\#(certificate)}"#)
    }

    static func certificates(_ items: [(String, Double?)]) throws -> Snapshot {
        var snapshot = snapshot()
        snapshot.certificates = Resource(value: try items.map { try certificate($0.0, days: $0.1) }, fetchedAt: now)
        return snapshot
    }

    static func cluster(_ nodes: [(name: String, role: String, state: String)], state: String = "CLUSTER_UP_HA_ACTIVE",
                        configured: Int? = nil) throws -> Snapshot {
        var snapshot = snapshot()
        let nodeJSON = nodes.map {
            #"{"name":"\#($0.name)","role":"\#($0.role)","state":"\#($0.state)","up_since":"2026-11-01 10:00:00","mgmt_ip":"10.0.0.\#($0.name.suffix(1))"}"#
        }.joined(separator: ",")
        snapshot.clusterRuntime = Resource(value: try decode(ClusterRuntime.self,
            #"{"cluster_state":{"state":"\#(state)"},"node_states":[\#(nodeJSON)]}"#), fetchedAt: now)
        let configJSON = (0..<(configured ?? nodes.count)).map { #"{"name":"node\#($0 + 1)","ip":{"addr":"10.0.0.\#($0 + 1)","type":"V4"}}"# }
        snapshot.clusterConfig = Resource(value: try decode(ClusterConfig.self, #"{"name":"cluster-0-1","nodes":[\#(configJSON.joined(separator: ","))]}"#),
                                          fetchedAt: now)
        return snapshot
    }

    static func mappings(_ items: [(name: String, status: String, controller: Bool)]) throws -> Snapshot {
        var snapshot = snapshot()
        let json = items.map {
            #"{"uuid":"m-\#($0.name)","name":"\#($0.name)","ip":"10.1.0.1","local_ip":"127.1.0.2","is_controller":\#($0.controller),"status":"\#($0.status)"}"#
        }
        snapshot.secureChannel = Resource(value: try decode([SecureChannelMapping].self, "[" + json.joined(separator: ",") + "]"), fetchedAt: now)
        return snapshot
    }

    static func alert(_ uuid: String, level: String = "ALERT_HIGH", at offset: TimeInterval = 0, object: String = "se-1",
                      summary: String = "Service Engine down") throws -> Alert {
        let time = now.timeIntervalSince1970 + offset
        return try decode(Alert.self,
                          #"{"uuid":"\#(uuid)","level":"\#(level)","timestamp":\#(time),"obj_name":"\#(object)","summary":"\#(summary)","state":"ALERT_STATE_ON","events":[{"event_id":"SE_DOWN"}]}"#)
    }
}
