import AviAPI

/// One of the checks the controller documents for changing the secure-channel certificate
/// (REFERENCE.md §4.1), with what its result means for this cluster.
public struct MustCheckResult: Sendable, Equatable {
    public enum Check: String, Sendable, CaseIterable {
        case noServiceEngines = "no Service Engines"
        case onlyNoAccessClouds = "only no-access clouds"
        case singleNodeCluster = "a single-node cluster"
    }
    public let check: Check
    public let passed: Bool
    /// What was found and what it means here, in one or two sentences.
    public let meaning: String
}

/// Step 4: the three must-checks. The default on any failure is to stop.
public struct MustCheckReport: Sendable {
    public let results: [MustCheckResult]
    /// The read system configuration has `bypass_secure_channel_must_checks` (18.2.5–21.1).
    public let controllerHasBypassFlag: Bool
    /// The controller release, for the explanation of what an override can do.
    public let controllerVersion: String?

    public var allPassed: Bool { results.allSatisfy(\.passed) }
    public var failed: [MustCheckResult] { results.filter { !$0.passed } }

    public init(serviceEngineCount: Int, clouds: [Cloud], clusterNodes: Int, clusterState: ClusterState?,
                controllerHasBypassFlag: Bool, controllerVersion: String?) {
        self.controllerHasBypassFlag = controllerHasBypassFlag
        self.controllerVersion = controllerVersion
        var results: [MustCheckResult] = []
        if serviceEngineCount == 0 {
            results.append(.init(check: .noServiceEngines, passed: true,
                                 meaning: "no Service Engine holds a secure channel, so none can lose its connection to the controller"))
        } else {
            results.append(.init(check: .noServiceEngines, passed: false,
                                 meaning: "\(serviceEngineCount) Service Engine\(serviceEngineCount == 1 ? "" : "s") hold secure channels verified with the current certificate; they may fail to re-authenticate and stop receiving configuration"))
        }
        let withAccess = clouds.filter { !$0.isNoAccess }
        if withAccess.isEmpty {
            results.append(.init(check: .onlyNoAccessClouds, passed: true,
                                 meaning: "\(clouds.count) cloud\(clouds.count == 1 ? "" : "s"), none in which the controller creates Service Engines by itself"))
        } else {
            let names = withAccess.prefix(3).map { SafeText.sanitize($0.name) }.joined(separator: ", ") + (withAccess.count > 3 ? ", …" : "")
            results.append(.init(check: .onlyNoAccessClouds, passed: false,
                                 meaning: "the controller can create Service Engines in \(names); a new one could come up during the change and fail to join"))
        }
        if clusterNodes <= 1 {
            let state = clusterState.map { " (\($0.rawValue))" } ?? ""
            results.append(.init(check: .singleNodeCluster, passed: true,
                                 meaning: "one controller node\(state): no follower has to re-establish its channel to the leader"))
        } else {
            results.append(.init(check: .singleNodeCluster, passed: false,
                                 meaning: "\(clusterNodes) controller nodes: followers must re-authenticate to the leader with the new certificate; a failure breaks the cluster's quorum"))
        }
        self.results = results
    }

    /// What an override does on this release (flag set in the same change, or the controller decides).
    public var overrideExplanation: String {
        if controllerHasBypassFlag {
            return "this release has bypass_secure_channel_must_checks: it is set to true in the same change; releases 18.2.8–21.1 ignore it (\"forced updating has been disallowed\") and may refuse"
        }
        return "this release has no bypass flag: the change is sent as is and the controller decides; if it refuses, its own message is shown and nothing changes"
    }
}
