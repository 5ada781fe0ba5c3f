import Foundation

/// How the simulated Service Engines and follower nodes answer a new secure-channel certificate
/// (`avitui sim --secure-channel-reaction`).
public enum SecureChannelReaction: String, Sendable, CaseIterable {
    /// Every peer re-authenticates with the new certificate.
    case ok
    /// Every peer fails to re-authenticate.
    case fail
    /// About a third fail (at least one), chosen from the seed.
    case partial
}

/// One peer's re-authentication after secure-channel certificate changes.
///
/// What is modelled from documentation (REFERENCE.md §3.3, §8.1): the `securechannelmapping.status`
/// values; the controller's 10-second heartbeat; an SE declared down (`OPER_DOWN`, reason "SE
/// heartbeat failure") after 6 consecutive missed heartbeats; the events `SE_SECURE_KEY_EXCHANGE`,
/// `CTLR_SECURE_KEY_EXCHANGE`, `SE_HEARTBEAT_FAILURE`, `SE_DOWN`.
/// What is assumed (no public source describes a real failure): that a peer reconnects
/// (`SECURE_CHANNEL_CONNECTED`) for one heartbeat after the change, then shows the `…_FAILED`
/// status of the method it authenticated with before (SSH or token); that `se_connected` turns
/// false at the first missed heartbeat; that pointing back at a certificate a peer trusted lets it
/// re-authenticate at the next heartbeat; that which peers fail is a property of the peer.
struct MappingReauth {
    /// The success status it had before the first change (SSH or token).
    let authenticatedStatus: String
    /// The certificate refs in force when it was last authenticated before any change.
    let originalKey: String
    /// Per certificate refs: whether this peer can authenticate with them.
    var fates: [String: Bool]
    /// Real time of the latest change it reacts to, and the refs then in force.
    var changeAt: Date
    var refsKey: String
    /// What the store shows now, so the store is written only when it changes.
    var shown: Phase?
    /// Its SE was marked disconnected by a failure; restored once it authenticates again.
    var hurt = false

    enum Phase: Equatable {
        case reconnecting
        case authenticated
        case failed(misses: Int)
    }

    func trusts(_ key: String) -> Bool { key == originalKey || fates[key] == true }

    /// Where the peer stands `elapsed` seconds after the change, with heartbeats every `heartbeat` seconds.
    func phase(elapsed: TimeInterval, heartbeat: TimeInterval) -> Phase {
        if elapsed < heartbeat { return .reconnecting }
        if trusts(refsKey) { return .authenticated }
        return .failed(misses: min(1000, Int(elapsed / heartbeat)))
    }
}

extension ControllerModel {
    /// Heartbeats an SE may miss before the controller declares it down (REFERENCE.md §8.1).
    static let missedHeartbeatsUntilDown = 6

    var heartbeatSeconds: TimeInterval { max(0.01, options.heartbeatSeconds) }

    /// The secure-channel refs as a comparable key; the empty list means the default certificate.
    func secureChannelKey(_ refs: [JSON]) -> String {
        let texts = refs.compactMap(\.stringValue).map { Ref.parse($0)?.uuid ?? $0 }
        if texts.isEmpty { return store.uuid("sslkeyandcertificate", named: "System-Default-Secure-Channel-Cert") ?? "" }
        return texts.sorted().joined(separator: ",")
    }

    /// After a secure-channel certificate change every authenticated peer (and every peer still
    /// reacting to an earlier change) reconnects and re-authenticates over the next heartbeats.
    func startSecureChannelReauthentication(real: Date, from old: [JSON], to new: [JSON]) {
        let oldKey = secureChannelKey(old)
        let newKey = secureChannelKey(new)
        let leaderMapping = nodeMappingUUID(cluster.nodes[cluster.leader].ip)
        var affected: [String] = []
        for uuid in store.uuids("securechannelmapping") where uuid != leaderMapping {
            guard let mapping = store.get("securechannelmapping", uuid), let status = mapping["status"]?.stringValue else { continue }
            if reauth[uuid] != nil || status.hasSuffix("_SUCCESS") { affected.append(uuid) }
        }
        let failing = failingPeers(affected.filter { reauth[$0]?.fates[newKey] == nil && reauth[$0]?.originalKey != newKey })
        for uuid in affected {
            var entry = reauth[uuid] ?? MappingReauth(
                authenticatedStatus: store.get("securechannelmapping", uuid)?["status"]?.stringValue ?? "SECURE_CHANNEL_AUTH_TOKEN_SUCCESS",
                originalKey: oldKey, fates: [:], changeAt: real, refsKey: newKey, shown: nil)
            if entry.fates[newKey] == nil, entry.originalKey != newKey { entry.fates[newKey] = !failing.contains(uuid) }
            entry.changeAt = real
            entry.refsKey = newKey
            entry.shown = nil
            reauth[uuid] = entry
        }
        advanceSecureChannel(real: real)
    }

    /// Which of `peers` fail to authenticate with a new certificate, by the reaction option.
    /// `partial`: a third of them (at least one), the same ones for the same seed.
    func failingPeers(_ peers: [String]) -> Set<String> {
        switch options.secureChannelReaction {
        case .ok: return []
        case .fail: return Set(peers)
        case .partial:
            let ranked = peers.sorted {
                (Inventory.stableHash($0) ^ options.seed &* 0x9E37_79B9_7F4A_7C15, $0) < (Inventory.stableHash($1) ^ options.seed &* 0x9E37_79B9_7F4A_7C15, $1)
            }
            return Set(ranked.prefix(peers.isEmpty ? 0 : max(1, peers.count / 3)))
        }
    }

    /// Applies each peer's phase at `real` to its mapping, SE runtime and alerts (only on change).
    func advanceSecureChannel(real: Date) {
        for uuid in Array(reauth.keys) {
            guard var entry = reauth[uuid] else { continue }
            guard var mapping = store.get("securechannelmapping", uuid) else {
                reauth[uuid] = nil
                continue
            }
            let phase = entry.phase(elapsed: real.timeIntervalSince(entry.changeAt), heartbeat: heartbeatSeconds)
            guard phase != entry.shown else { continue }
            let previous = entry.shown
            let wasHurt = entry.hurt
            entry.shown = phase
            if case .failed = phase { entry.hurt = true }
            if phase == .authenticated { entry.hurt = false }
            reauth[uuid] = entry
            let status: String
            switch phase {
            case .reconnecting: status = "SECURE_CHANNEL_CONNECTED"
            case .authenticated: status = entry.authenticatedStatus
            case .failed: status = entry.authenticatedStatus.contains("SSH") ? "SECURE_CHANNEL_AUTH_SSH_FAILED" : "SECURE_CHANNEL_AUTH_TOKEN_FAILED"
            }
            if mapping["status"]?.stringValue != status {
                mapping["status"] = .string(status)
                mapping["_last_modified"] = .string(nextLastModified())
                store.put("securechannelmapping", mapping)
            }
            let isController = mapping["is_controller"]?.boolValue == true
            let ip = mapping["ip"]?.stringValue ?? uuid
            let at = simNow(real: real)
            switch phase {
            case .reconnecting:
                break
            case .authenticated:
                if wasHurt, !isController {
                    setServiceEngineHealth(uuid, connected: true, misses: 0, at: at)
                    raise(uuid, level: "ALERT_LOW", summary: "Service Engine \(seName(uuid)) is up", event: "SE_UP", at: at)
                }
            case let .failed(misses):
                let firstMiss: Bool
                if case .failed? = previous { firstMiss = false } else { firstMiss = true }
                if isController {
                    if firstMiss {
                        raise(uuid, level: "ALERT_HIGH", summary: "Secure key exchange with controller node \(ip) failed",
                              event: "CTLR_SECURE_KEY_EXCHANGE", at: at, object: (cluster.uuid, cluster.name, "CLUSTER"))
                    }
                    continue
                }
                let wasDown: Bool
                if case let .failed(before)? = previous { wasDown = before >= Self.missedHeartbeatsUntilDown } else { wasDown = false }
                setServiceEngineHealth(uuid, connected: false, misses: misses, at: at)
                if firstMiss {
                    raise(uuid, level: "ALERT_MEDIUM", summary: "Secure key exchange with Service Engine \(seName(uuid)) failed",
                          event: "SE_SECURE_KEY_EXCHANGE", at: at)
                    raise(uuid, level: "ALERT_HIGH", summary: "Service Engine \(seName(uuid)) heartbeat failure",
                          event: "SE_HEARTBEAT_FAILURE", at: at)
                }
                if misses >= Self.missedHeartbeatsUntilDown, !wasDown {
                    raise(uuid, level: "ALERT_HIGH", summary: "Service Engine \(seName(uuid)) is down", event: "SE_DOWN", at: at)
                }
            }
        }
    }

    private func seName(_ uuid: String) -> String { store.name("serviceengine", uuid) ?? uuid }

    /// `se_connected`, heartbeat misses, and `OPER_DOWN` once 6 heartbeats were missed.
    private func setServiceEngineHealth(_ uuid: String, connected: Bool, misses: Int, at: Date) {
        guard var runtime = seRuntime[uuid] else { return }
        runtime["se_connected"] = .bool(connected)
        runtime["gateway_up"] = .bool(connected)
        runtime.set(path: ["hb_status", "num_hb_misses"], to: .num(misses))
        runtime.set(path: ["hb_status", "num_outstanding_hb"], to: .num(connected ? 0 : min(misses, 3)))
        let down = misses >= Self.missedHeartbeatsUntilDown
        let state = connected ? "OPER_UP" : (down ? "OPER_DOWN" : runtime.value(at: ["oper_status", "state"])?.stringValue ?? "OPER_UP")
        if runtime.value(at: ["oper_status", "state"])?.stringValue != state {
            var members: [JSON.Member] = [.init(key: "state", value: .string(state))]
            if state == "OPER_DOWN" { members.append(.init(key: "reason", value: .array([.string("SE heartbeat failure")]))) }
            let seconds = Int64(at.timeIntervalSince1970)
            members.append(.init(key: "last_changed_time", value: .obj(["secs": .int(seconds), "usecs": .num(0)])))
            runtime["oper_status"] = .object(members)
        }
        seRuntime[uuid] = runtime
    }

    private func raise(_ uuid: String, level: String, summary: String, event: String, at: Date,
                       object: (uuid: String, name: String, type: String)? = nil) {
        var rng = alertRNG
        let target = object ?? (uuid, seName(uuid), "SERVICEENGINE")
        let alert = AlertFactory.make(self, rng: &rng, config: event.hasPrefix("SE_SECURE") || event.hasPrefix("CTLR") ? "System-Secure-Channel-Alert" : "System-SE-Alert",
                                      level: level, summary: summary, objectUUID: target.uuid, objectName: target.name,
                                      eventID: event, module: event.contains("SECURE") ? "SEC_MGR" : "SEMGR", objType: target.type,
                                      details: nil, time: at)
        alertRNG = rng
        AlertFactory.append(alert, to: self)
    }
}
