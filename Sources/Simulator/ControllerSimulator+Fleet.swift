import Foundation

/// Knobs for a fleet of simulators (`avitui demo --fleet`, fleet tests): whole-cluster states
/// set in one call.
extension ControllerSimulator {
    /// The names of every simulated Service Engine, in stored order.
    public func serviceEngineNames() -> [String] {
        core.state.withLock { model in
            model.store.uuids("serviceengine").compactMap { model.store.get("serviceengine", $0)?["name"]?.stringValue }
        }
    }

    /// The secure-channel mappings of the first `count` SEs answer `status` (e.g.
    /// `SECURE_CHANNEL_AUTH_TOKEN_FAILED`): a cluster with failed tunnels.
    public func failSecureChannelMappings(count: Int, status: String = "SECURE_CHANNEL_AUTH_TOKEN_FAILED") {
        for name in serviceEngineNames().prefix(max(0, count)) { setMappingStatus(name: name, status: status) }
    }
}
