import X509
import Foundation

/// Everything a simulated controller knows. Not thread-safe by itself: the
/// simulator keeps it inside a lock and every request runs against it whole.
final class ControllerModel {
    let persona: Persona
    let options: SimulatorOptions
    /// Generated data is relative to this instant.
    let dataEpoch: Date
    /// Real time at creation; `simNow` advances from `dataEpoch` with it.
    let realEpoch: Date

    var store = ObjectStore()
    var cluster: ClusterModel
    var sessions: SessionTable
    var faults = FaultState()
    var recorder = RequestRecorder()
    /// Passwords by username (changeable through `/api/useraccount`).
    var passwords: [String: String] = [:]

    /// Certificates: what they are made of, and which still lack their PEM.
    var certSpecs: [String: CertSpec] = [:]
    var pendingMaterial: Set<String> = []
    var keys: KeyPool?
    /// Keys the controller made for signing requests; they never leave it.
    var signingKeys: [String: Certificate.PrivateKey] = [:]

    /// SE runtime sub-resources, keyed by SE uuid.
    var seRuntime: [String: JSON] = [:]
    /// Virtual service runtime (oper status), keyed by VS uuid.
    var vsRuntime: [String: JSON] = [:]

    /// Secure-channel peers reacting to certificate changes, by mapping uuid.
    var reauth: [String: MappingReauth] = [:]
    /// A systemconfiguration PUT accepted but committed later (fault `commitAfterDrop`).
    var pendingCommit: (at: Date, proposed: JSON)?

    var alertRNG: SplitMix64
    var nextAlertAt: Date?
    var alertSerial = 0

    private var lastModifiedIssued: Int64 = 0

    init(options: SimulatorOptions) {
        self.options = options
        self.persona = Persona(versionString: options.version)
        self.realEpoch = Date()
        self.dataEpoch = options.now ?? realEpoch
        self.sessions = SessionTable(idleTimeout: options.sessionIdleTimeout)
        self.faults.latency = options.latency
        self.alertRNG = SplitMix64(seed: options.seed ^ 0xA1E7_A1E7_A1E7_A1E7)
        passwords[options.username] = options.password
        if let readOnly = options.readOnlyUser { passwords[readOnly.username] = readOnly.password }
        var rng = SplitMix64(seed: options.seed)
        self.cluster = SeedData.cluster(rng: &rng, epoch: dataEpoch)
        SeedData.populate(self, rng: &rng)
        if let interval = options.alertInterval, interval > 0 {
            nextAlertAt = realEpoch.addingTimeInterval(interval)
        }
    }

    /// The simulated wall clock: `now` option plus real elapsed time.
    func simNow(real: Date = Date()) -> Date {
        dataEpoch.addingTimeInterval(real.timeIntervalSince(realEpoch))
    }

    /// A fresh `_last_modified` (microseconds), strictly increasing.
    func nextLastModified() -> String {
        let now = TimeFormat.micros(simNow())
        lastModifiedIssued = max(now, lastModifiedIssued + 1)
        return String(lastModifiedIssued)
    }

    /// Seeded `_last_modified` values; keeps later writes strictly newer.
    func seededLastModified(_ date: Date) -> String {
        let value = TimeFormat.micros(date)
        lastModifiedIssued = max(lastModifiedIssued, value)
        return String(value)
    }

    var tenantAdminRef: String { Ref.path("tenant", "admin") }

    func ref(_ type: String, named name: String) -> String? {
        store.uuid(type, named: name).map { Ref.path(type, $0) }
    }

    /// The uuid of the controller node's secure-channel mapping.
    func nodeMappingUUID(_ ip: String) -> String { "node-\(ip)" }

    // MARK: - Time-driven changes, applied lazily at each request

    func tick(real: Date) {
        if faults.failoverPending, !faults.isDown(at: real) {
            faults.failoverPending = false
            cluster.failover(now: simNow(real: real))
            refreshClusterObjects()
        }
        if let pending = pendingCommit, real >= pending.at {
            pendingCommit = nil
            SystemConfigurationWrites.commitLate(pending.proposed, model: self, real: pending.at)
        }
        if !reauth.isEmpty { advanceSecureChannel(real: real) }
        if let interval = options.alertInterval, interval > 0, var next = nextAlertAt {
            var added = 0
            while next <= real, added < 1000 {
                AlertFactory.appendGenerated(to: self, at: simNow(real: next))
                next = next.addingTimeInterval(interval)
                added += 1
            }
            if added == 1000 { next = real.addingTimeInterval(interval) }
            nextAlertAt = next
        }
    }

    /// Re-renders the stored cluster object after node changes.
    func refreshClusterObjects(seeded: Bool = false) {
        let text = seeded ? seededLastModified(cluster.clusterUpSince) : nextLastModified()
        store.put("cluster", cluster.configJSON(lastModified: Int64(text) ?? 0))
    }
}
