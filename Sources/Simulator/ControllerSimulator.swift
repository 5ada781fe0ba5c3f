import Foundation
import Crypto

/// A simulated Avi controller: a real HTTPS server on loopback with seeded
/// data, session/CSRF rules per release, and fault knobs for tests.
public final class ControllerSimulator: Sendable {
    private let options: SimulatorOptions
    let core: SimulatorCore
    private let running: Locked<Running?>

    private struct Running {
        let server: SimulatorServer
        let endpoint: SimulatorEndpoint
        let generator: Task<Void, Never>
        /// A temporary state directory this simulator made, removed when it stops.
        let temporaryDirectory: URL?
    }

    public init(options: SimulatorOptions) {
        self.options = options
        self.core = SimulatorCore(model: ControllerModel(options: options))
        self.running = Locked(nil)
    }

    /// Generates the TLS identity and key pool, writes `ca.pem`, and listens.
    public func start() async throws -> SimulatorEndpoint {
        if running.withLock({ $0 != nil }) { throw SimulatorError.alreadyStarted }
        let directory: URL
        let caKey: P256.Signing.PrivateKey
        do {
            if let given = options.stateDirectory {
                directory = given
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                caKey = try StateDirectory.caKey(in: directory)
            } else {
                directory = try StateDirectory.temporary()
                caKey = P256.Signing.PrivateKey()
            }
        } catch {
            throw SimulatorError.cannotWrite("state directory: \(error)")
        }
        let identity: TLSIdentity
        let keys: KeyPool
        do {
            identity = try TLSIdentity.generate(host: options.host, caKey: caKey)
            keys = try KeyPool()
        } catch {
            throw SimulatorError.certificateGeneration("\(error)")
        }
        core.state.withLock { $0.keys = keys }
        let caFile = directory.appendingPathComponent("ca.pem")
        do {
            // A ca.pem for this CA key is kept: clients may hold it already.
            if !StateDirectory.caFileMatches(caFile, key: caKey) {
                try Data(identity.caPEM.utf8).write(to: caFile, options: .atomic)
            }
        } catch {
            throw SimulatorError.cannotWrite("\(caFile.path): \(error)")
        }
        let caPEM = (try? String(contentsOf: caFile, encoding: .utf8)) ?? identity.caPEM
        let server = try await SimulatorServer.start(host: options.host, port: options.port, identity: identity, core: core)
        let hostForURL = options.host.contains(":") ? "[\(options.host)]" : options.host
        let origin = "https://\(hostForURL):\(server.port)"
        core.fallbackOrigin.withLock { $0 = origin }
        let core = self.core
        let generator = Task.detached(priority: .utility) { await core.generateCertificatesInBackground() }
        let readOnly = options.readOnlyUser
        let endpoint = SimulatorEndpoint(
            url: URL(string: origin) ?? URL(fileURLWithPath: "/"),
            port: server.port,
            caFile: caFile,
            caPEM: caPEM,
            username: options.username,
            password: options.password,
            readOnlyUsername: readOnly?.username ?? "",
            readOnlyPassword: readOnly?.password ?? "",
            controllerPublicKeyPin: identity.publicKeyPin
        )
        let temporary = options.stateDirectory == nil ? directory : nil
        running.withLock { $0 = Running(server: server, endpoint: endpoint, generator: generator, temporaryDirectory: temporary) }
        return endpoint
    }

    public func stop() async throws {
        guard let current = running.withLock({ value -> Running? in
            let current = value
            value = nil
            return current
        }) else { return }
        current.generator.cancel()
        if let directory = current.temporaryDirectory { try? FileManager.default.removeItem(at: directory) }
        try await current.server.stop()
    }

    /// Removes the temporary state directory (its `ca.pem`) while the server keeps running:
    /// for `demo`, which ends the process without a slow `stop`. Safe to call more than once.
    public func removeTemporaryState() {
        guard let directory = running.withLock({ $0?.temporaryDirectory }) else { return }
        try? FileManager.default.removeItem(at: directory)
    }

    /// `{"url": …, "ca_file": …, "username": …, "password": …}` (DESIGN.md).
    public func writeReadyFile(to path: URL) throws {
        guard let endpoint = running.withLock({ $0?.endpoint }) else { throw SimulatorError.notStarted }
        let json = JSON.obj([
            "url": .string(endpoint.url.absoluteString),
            "ca_file": .string(endpoint.caFile.path),
            "username": .string(endpoint.username),
            "password": .string(endpoint.password),
            "read_only_username": .string(endpoint.readOnlyUsername),
            "read_only_password": .string(endpoint.readOnlyPassword),
            "pin": .string(endpoint.controllerPublicKeyPin),
        ])
        let temporary = path.deletingLastPathComponent().appendingPathComponent(".\(path.lastPathComponent).tmp")
        do {
            try Data(json.serialized() + [0x0A]).write(to: temporary)
            _ = try? FileManager.default.removeItem(at: path)
            try FileManager.default.moveItem(at: temporary, to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path.path)
        } catch {
            throw SimulatorError.cannotWrite("\(path.path): \(error)")
        }
    }

    // MARK: - What clients did

    /// Every POST/PUT/PATCH/DELETE received (login/logout included, secrets masked).
    public func mutatingRequests() -> [RecordedRequest] { core.state.withLock { $0.recorder.mutating } }

    /// Every HTTP request, any method.
    public func requestCount() -> Int { core.state.withLock { $0.recorder.total } }

    /// Bytes served since the last reset (status lines, headers and bodies, uncompressed).
    public func servedBytes() -> Int { core.state.withLock { $0.recorder.bytes } }

    /// Requests and bytes served per path (query left out) since the last reset.
    public func servedByPath() -> [String: (requests: Int, bytes: Int)] { core.state.withLock { $0.recorder.byPath } }

    public func resetCounters() { core.state.withLock { $0.recorder.reset() } }

    /// Canonical stored bytes of a config object (relative refs), for byte-identical checks.
    public func storedObjectJSON(type: String, name: String) -> Data? {
        core.state.withLock { model in
            let uuid = model.store.uuid(type, named: name)
                ?? (model.store.count(type) == 1 ? model.store.uuids(type).first : nil)
            guard let uuid else { return nil }
            if type == "sslkeyandcertificate" { model.ensureCertificateMaterial([uuid]) }
            return model.store.get(type, uuid)?.data
        }
    }

    // MARK: - Faults and state changes

    /// 503 for `downFor` seconds, then another node leads; sessions are dropped.
    public func failover(downFor: TimeInterval) {
        core.state.withLock { $0.failover(downFor: downFor, real: Date()) }
    }

    public func expireAllSessions() { core.state.withLock { $0.sessions.removeAll() } }

    public func setLatency(_ seconds: TimeInterval) { core.state.withLock { $0.faults.latency = max(0, seconds) } }

    /// 200 answers with truncated, invalid JSON for GETs under `pathPrefix` (nil = all).
    public func setMalformedBodies(_ on: Bool, pathPrefix: String?) {
        core.state.withLock {
            $0.faults.malformedBodies = on
            $0.faults.malformedPathPrefix = pathPrefix
        }
    }

    /// Serves one field wrongly typed or without it, in every answer under the fault's path
    /// (the login reply included); an empty list serves every field as stored again.
    public func setFieldFaults(_ faults: [FieldFault]) { core.state.withLock { $0.faults.fieldFaults = faults } }

    /// The next `n` requests are answered by closing the connection.
    public func dropNextConnections(_ n: Int) { core.state.withLock { $0.faults.connectionsToDrop = max(0, n) } }

    public func addAlert(level: String, summary: String, objectName: String) {
        core.state.withLock { $0.addAlert(level: level, summary: summary, objectName: objectName) }
    }

    /// Sets one node's state (e.g. `CLUSTER_INACTIVE`); cluster_state follows quorum.
    /// Removes one alert, as the controller does when an alert expires or is dismissed.
    public func removeAlert(uuid: String) { core.state.withLock { $0.store.remove("alert", uuid) } }

    public func setNodeState(index: Int, state: String) {
        core.state.withLock { $0.setNodeState(index: index, state: state, real: Date()) }
    }

    public func setCertificateNotAfter(name: String, _ date: Date) {
        core.state.withLock { $0.setCertificateNotAfter(name: name, date: date) }
    }

    public func setMappingStatus(name: String, status: String) {
        core.state.withLock { $0.setMappingStatus(name: name, status: status) }
    }

    public func removeAllServiceEngines() { core.state.withLock { $0.removeAllServiceEngines() } }

    public func setClouds(noAccessOnly: Bool) { core.state.withLock { $0.setClouds(noAccessOnly: noAccessOnly) } }

    public func setClusterSingleNode() { core.state.withLock { $0.makeClusterSingleNode() } }

    /// No Service Engines, only no-access clouds, one controller node: the state in which the
    /// secure-channel must-checks (REFERENCE.md §4) pass.
    public func satisfySecureChannelMustChecks() {
        removeAllServiceEngines()
        setClouds(noAccessOnly: true)
        setClusterSingleNode()
    }

    /// Changes a user's password on the controller, as an administrator would while a console
    /// is open: sessions stay, the next login with the old password is refused.
    public func changePassword(username: String, to password: String) {
        core.state.withLock { $0.passwords[username] = password }
    }

    /// Every `/api/` request answers 401 while `/login` keeps succeeding (on: a 401 loop).
    public func rejectEverySession(_ on: Bool) { core.state.withLock { $0.faults.rejectSessions = on } }

    /// GETs under `pathPrefix` answer 403 (the user's role lacks the read permission).
    public func forbidReads(pathPrefix: String) { core.state.withLock { $0.faults.forbiddenPathPrefixes.append(pathPrefix) } }

    /// Collection envelopes under `pathPrefix` lie about paging; nil ends it.
    public func setPagingLie(_ lie: PagingLie?, pathPrefix: String) {
        core.state.withLock { $0.faults.pagingLie = lie.map { (pathPrefix, $0) } }
    }

    /// Logins refused so far (wrong user or password), for lockout tests.
    public func refusedLoginCount() -> Int {
        core.state.withLock { model in model.recorder.mutating.filter { $0.path == "/login" && $0.status == 401 }.count }
    }

    /// The next PUT of systemconfiguration loses its answer (the connection drops) and is committed
    /// `delay` seconds later, as a slow controller finishing after the client gave up.
    public func commitNextConfigurationPutAfterDrop(delay: TimeInterval) {
        core.state.withLock { $0.faults.commitAfterDrop = max(0, delay) }
    }

    /// The next `n` PUTs of systemconfiguration are applied, then answered 500.
    public func answerNextConfigurationPutsWith500AfterApplying(_ n: Int) {
        core.state.withLock { $0.faults.appliedButError = max(0, n) }
    }

    /// Secure-channel mappings by status (`SECURE_CHANNEL_…` → count), for tests.
    public func mappingStatuses() -> [String: String] {
        core.state.withLock { model in
            model.tick(real: Date())
            var out: [String: String] = [:]
            for mapping in model.store.all("securechannelmapping") {
                if let uuid = mapping["uuid"]?.stringValue { out[uuid] = mapping["status"]?.stringValue ?? "" }
            }
            return out
        }
    }

    /// Lets `heartbeats` heartbeats pass for the peers re-authenticating after a secure-channel
    /// change, without waiting: tests start the simulator with a long `heartbeatSeconds` (real
    /// time then never reaches a heartbeat) and step the reaction here, so each phase is read
    /// exactly where they put it however loaded the machine is. Peers not reacting are untouched.
    public func passHeartbeats(_ heartbeats: Double) {
        core.state.withLock { model in
            let shift = max(0, heartbeats) * model.heartbeatSeconds
            for uuid in Array(model.reauth.keys) { model.reauth[uuid]?.changeAt.addTimeInterval(-shift) }
            model.tick(real: Date())
        }
    }

    /// An SE's `se_connected` and `oper_status.state` as the runtime shows them now.
    public func serviceEngineHealth(uuid: String) -> (connected: Bool, state: String)? {
        core.state.withLock { model in
            model.tick(real: Date())
            guard let runtime = model.seRuntime[uuid] else { return nil }
            return (runtime["se_connected"]?.boolValue ?? false, runtime.value(at: ["oper_status", "state"])?.stringValue ?? "")
        }
    }

    /// Every secure-channel mapping authenticated (`…_SUCCESS`) and every SE up: a healthy channel.
    public func makeSecureChannelHealthy() {
        core.state.withLock { model in
            let legacy = model.persona.usesLegacyLoopbackIPs
            for uuid in model.store.uuids("securechannelmapping") {
                model.setMappingStatus(name: uuid, status: legacy || uuid.hasPrefix("node-") ? "SECURE_CHANNEL_AUTH_SSH_SUCCESS" : "SECURE_CHANNEL_AUTH_TOKEN_SUCCESS")
            }
            for uuid in model.seRuntime.keys {
                model.seRuntime[uuid]?["se_connected"] = .bool(true)
                model.seRuntime[uuid]?["oper_status"] = .obj(["state": .string("OPER_UP")])
            }
        }
    }

    /// The next `n` PUTs of systemconfiguration get 412 as if changed concurrently.
    public func forceStaleWrites(_ n: Int) { core.state.withLock { $0.faults.staleWrites = max(0, n) } }
}
