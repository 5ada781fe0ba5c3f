import Console
import Foundation

/// One log line per cluster state change: the first time a cluster is read or fails, and each
/// time it goes from up to down or back. Reasons come from errors avitui itself writes (never a
/// password); controller text in them passes through the sanitizer.
public final class ClusterStateLog: @unchecked Sendable {
    private enum State: Equatable { case up, down }

    private let lock = NSLock()
    private var states: [String: State] = [:]
    private let write: @Sendable (String) -> Void

    /// `write` receives whole lines ending in a newline.
    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Compares each reading with the last state seen and logs the changes.
    public func observe(_ readings: [ClusterReading]) {
        var lines: [String] = []
        lock.withLock {
            for reading in readings {
                // Nothing known yet: neither up nor down.
                guard reading.snapshot != nil || reading.error != nil else { continue }
                let state: State = reading.isUp ? .up : .down
                guard states[reading.cluster] != state else { continue }
                states[reading.cluster] = state
                lines.append(Self.line(reading, up: state == .up))
            }
        }
        for line in lines { write(line) }
    }

    static func line(_ reading: ClusterReading, up: Bool) -> String {
        let cluster = SafeText.sanitize(reading.cluster)
        guard up, let snapshot = reading.snapshot else {
            return "avitui exporter: cluster \(cluster) down: \(SafeText.sanitize(reading.failure ?? "no answer"))\n"
        }
        var facts: [String] = []
        if let version = snapshot.connection.controllerVersion { facts.append("controller \(SafeText.sanitize(version))") }
        if let nodes = snapshot.clusterRuntime.value?.nodeStates.count { facts.append("\(nodes) nodes") }
        if let engines = snapshot.serviceEngines.value?.count { facts.append("\(engines) SEs") }
        if let certificates = snapshot.certificates.value?.count { facts.append("\(certificates) certificates") }
        return "avitui exporter: cluster \(cluster) up" + (facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))") + "\n"
    }
}
