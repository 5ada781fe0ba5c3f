import AviAPI
import Foundation

/// The I/O of the rotation: the reads before step 1, the writes of step 6, the read-backs of
/// step 7. It holds no state of the workflow (that is `RotationFlow`) and never retries a write:
/// a write whose fate is unknown is reconciled by reading, then reported as it is.
public struct RotationExecutor: Sendable {
    public let client: AviClient
    public let clock: any WallClock
    /// Pause between two mapping polls, in seconds.
    public var pollInterval: TimeInterval
    /// Seconds between two controller heartbeats (10 on a real controller, REFERENCE.md §8.1).
    /// Step 7 watches at least `heartbeatsWatched` of them before it calls the channel healthy.
    public var heartbeat: TimeInterval
    /// A controller declares an SE down after 6 missed heartbeats: a shorter watch cannot show that SEs stayed up.
    public static let heartbeatsWatched = 6
    /// How long wrong answers may keep the controller committing a request we gave up on: the
    /// transport's request timeout (30 s) plus a margin. Reconciliation reads back across it.
    public var commitWindow: TimeInterval
    /// Reads of the configuration spread over `commitWindow` when an outcome is unknown.
    public static let reconcileReads = 4
    /// Told just before each write leaves (method, path): progress for a UI, and the point where
    /// tests inject a fault into exactly that request.
    public var willSendWrite: @Sendable (HTTPMethod, String) async -> Void

    public init(client: AviClient, clock: any WallClock = SystemWallClock(), pollInterval: TimeInterval = 2,
                heartbeat: TimeInterval = 10, commitWindow: TimeInterval = 40,
                willSendWrite: @escaping @Sendable (HTTPMethod, String) async -> Void = { _, _ in }) {
        self.client = client
        self.clock = clock
        self.pollInterval = pollInterval
        self.heartbeat = heartbeat
        self.commitWindow = commitWindow
        self.willSendWrite = willSendWrite
    }

    // MARK: Steps 1, 2, 4: read everything

    /// Refuses read-only sessions before a single request, then reads configuration, certificates
    /// and the must-check inputs in parallel.
    public func loadContext(readOnlyReason: String? = nil) async throws -> RotationContext {
        if client.session.isReadOnly {
            throw RotationError.readOnly(reason: readOnlyReason ?? "read-only mode")
        }
        async let configuration = client.systemConfiguration()
        async let certificates = client.certificates(keepBodies: true)
        async let serviceEngines = client.serviceEngineCount()
        async let clouds = client.clouds()
        async let cluster = client.clusterConfig()
        async let runtime = try? client.clusterRuntime()
        let config = try await configuration
        let clusterConfig = try await cluster
        let clusterState = await runtime?.clusterState?.state
        let login = await client.session.login
        let host = await client.session.controller
        // The mappings' baseline: step 7 judges the change only by those that worked before it.
        // Read after the others, so the reads do not open one more connection at once.
        let mappings = try? await client.secureChannelMappings().items
        // SE names, so step 7 names the peers that did not come back as operators know them.
        let engines = (try? await client.serviceEngines().items) ?? []
        // "Used by" for step 2: one paged projection, inverted here.
        let services = (try? await client.virtualServicesWithCertificates().items) ?? []
        var usedBy: [String: [String]] = [:]
        for ref in config.portalCertificateRefs { if let uuid = ref.uuid { usedBy[uuid, default: []].append("portal") } }
        for service in services {
            for ref in service.sslKeyAndCertificateRefs ?? [] { if let uuid = ref.uuid { usedBy[uuid, default: []].append(service.name) } }
        }
        let mustChecks = MustCheckReport(serviceEngineCount: try await serviceEngines, clouds: try await clouds.items,
                                         clusterNodes: clusterConfig.nodes.count, clusterState: clusterState,
                                         controllerHasBypassFlag: config.hasBypassFlag, controllerVersion: login?.version?.version)
        var context = RotationContext(configuration: config, certificates: try await certificates.items, mustChecks: mustChecks,
                               clusterName: clusterConfig.name ?? host.host ?? host.absoluteString,
                               controller: host.absoluteString, controllerVersion: login?.version?.version,
                               user: login?.user?.username ?? client.session.settings.username, readAt: clock.now(),
                               authenticatedMappings: mappings.map { items in
                                   Set(items.filter { !$0.markedForDelete && $0.status.isAuthenticated }.map(\.uuid))
                               },
                               peerNames: Dictionary(engines.map { ($0.uuid, $0.name) }, uniquingKeysWith: { first, _ in first }),
                               controllerIdentityVerified: !client.session.settings.trust.insecure,
                               commandLine: RotationCommandLine.Connection(settings: client.session.settings))
        context.usedBy = usedBy
        return context
    }

    // MARK: Step 6: apply

    public func apply(_ plan: RotationPlan) async -> ApplyOutcome {
        var created: [CreatedObject] = []
        var writes = 0
        func outcome(_ result: ApplyOutcome.Result, ref: String? = nil, after: SystemConfiguration? = nil, baseline: Data?) -> ApplyOutcome {
            ApplyOutcome(result: result, createdObjects: created, newRef: ref ?? plan.afterRef, configurationAfter: after,
                         defaultBaseline: baseline, writesSent: writes, finishedAt: clock.now())
        }

        // The copy that proves, afterwards, that the default object was not touched.
        let baseline: Data?
        do {
            baseline = try await readDefaultCertificate(uuid: plan.defaultUUID)
        } catch {
            return outcome(.stoppedBeforeChange(reason: "could not read \(RotationContext.defaultCertificateName) to keep a copy (\(describe(error))); nothing was sent"), baseline: nil)
        }

        var ref = plan.afterRef
        if case let .importing(material) = plan.target {
            if client.session.settings.trust.insecure {
                return outcome(.stoppedBeforeChange(reason: RotationError.unverifiedController(what: "importing a private key").description), baseline: baseline)
            }
            do {
                if try await client.certificate(named: material.name) != nil {
                    return outcome(.stoppedBeforeChange(reason: "an object named \(material.name) appeared since the plan; it is never overwritten"), baseline: baseline)
                }
            } catch {
                return outcome(.stoppedBeforeChange(reason: "could not check that \(material.name) is free (\(describe(error))); nothing was sent"), baseline: baseline)
            }
            for chain in material.chainRequestBodies() + [(name: material.name, body: material.requestBody)] {
                writes += 1
                await willSendWrite(.post, "/api/sslkeyandcertificate")
                do {
                    let object = try await client.createCertificate(chain.body)
                    created.append(CreatedObject(name: object.name, uuid: object.uuid))
                } catch {
                    // 409 on a name checked free just before: ours if it holds our certificate (a re-sent POST).
                    if case .conflict? = error as? AviError, let found = try? await client.certificate(named: chain.name),
                       let pem = found.certificate?.certificate, Self.samePEM(pem, chain.body["certificate"]?["certificate"]?.stringValue) {
                        created.append(CreatedObject(name: found.name, uuid: found.uuid))
                        continue
                    }
                    guard Self.fateUnknown(error) else {
                        return outcome(.refusedByController(message: "creating \(chain.name): \(describe(error))"), baseline: baseline)
                    }
                    // Never repeat the POST: read whether it arrived, and stop either way.
                    let found = try? await client.certificate(named: chain.name)
                    if let found { created.append(CreatedObject(name: found.name, uuid: found.uuid)) }
                    let fate = found == nil ? "reading back shows it was not created" : "reading back shows it was created"
                    return outcome(.stoppedBeforeChange(reason: "the connection was lost while creating \(chain.name) (\(describe(error))); \(fate); the secure channel was not changed"
                                                        + (found != nil && chain.name == material.name ? " — continue with --to \(material.name)" : "")),
                                   baseline: baseline)
                }
            }
            guard let leaf = created.last, leaf.name == material.name else {
                return outcome(.stoppedBeforeChange(reason: "the controller did not return the new object"), baseline: baseline)
            }
            ref = "/api/sslkeyandcertificate/\(leaf.uuid)"
        }
        guard let ref else { return outcome(.stoppedBeforeChange(reason: "no certificate to point at"), baseline: baseline) }

        writes += 1
        let sentBefore = sends(.put, "/api/systemconfiguration")
        await willSendWrite(.put, "/api/systemconfiguration")
        func finished(_ result: ApplyOutcome.Result, after: SystemConfiguration?) -> ApplyOutcome {
            var done = outcome(result, ref: ref, after: after, baseline: baseline)
            done.putSends = max(0, sends(.put, "/api/systemconfiguration") - sentBefore)
            return done
        }
        do {
            let after = try await client.putSystemConfiguration(plan.configuration(pointingAt: ref))
            return finished(.applied, after: after)
        } catch let error as AviError {
            switch error {
            case .concurrentModification:
                // Read before saying so: an HTTP library that re-sends a request on a dropped connection
                // can turn our own applied PUT into a 412. Report what is true either way.
                if let now = try? await client.systemConfiguration(), now.secureChannelCertificateRefs.count == 1,
                   now.secureChannelCertificateRefs[0].uuid == AviRef(ref).uuid {
                    return finished(.reconciledApplied(detail: "the PUT was answered 412, yet the configuration already refers to \(plan.afterName) — our own request re-sent after a dropped connection, or the same change made by someone else"),
                                    after: now)
                }
                return finished(.concurrentModification, after: nil)
            case .readOnly, .protectedObject:
                writes -= 1  // refused by the write guard: nothing left the process
                return outcome(.stoppedBeforeChange(reason: error.description), ref: ref, baseline: baseline)
            default:
                guard Self.fateUnknown(error) else { return finished(.refusedByController(message: error.description), after: nil) }
                let (result, after) = await reconcile(plan: plan, ref: ref, cause: error)
                return finished(result, after: after)
            }
        } catch {
            let (result, after) = await reconcile(plan: plan, ref: ref, cause: error)
            return finished(result, after: after)
        }
    }

    /// How many requests `method path` have left this process so far (the log of the session).
    private func sends(_ method: HTTPMethod, _ path: String) -> Int {
        client.session.log.snapshot().filter { $0.method == method && $0.path == path && !$0.refused }.count
    }

    /// After a PUT whose answer was lost, timed out or was a 5xx: the outcome is unknown, and only
    /// reading back decides it. The configuration is read `reconcileReads` times across
    /// `commitWindow` (a slow controller may commit after the client gave up); the first reading
    /// that shows the change decides "applied", another writer's change decides "unknown", and
    /// "not applied" is said only once the window has passed with nothing changed.
    private func reconcile(plan: RotationPlan, ref: String, cause: Error) async -> (ApplyOutcome.Result, SystemConfiguration?) {
        let lost = describe(cause)
        let wanted = AviRef(ref).uuid
        let start = clock.now()
        var lastRead: SystemConfiguration?
        var readErrors: [String] = []
        var reads = 0
        for index in 0..<Self.reconcileReads {
            if index > 0 {
                let due = commitWindow * Double(index) / Double(Self.reconcileReads - 1)
                let wait = due - clock.now().timeIntervalSince(start)
                if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
            }
            do {
                let now = try await client.systemConfiguration()
                reads += 1
                lastRead = now
                let refs = now.secureChannelCertificateRefs
                if refs.count == 1, refs[0].uuid == wanted {
                    return (.reconciledApplied(detail: "\(lost); reading back (\(reads) read\(reads == 1 ? "" : "s") over \(Int(clock.now().timeIntervalSince(start).rounded())) s) shows the configuration refers to \(plan.afterName)"), now)
                }
                if now.lastModified != plan.base.lastModified {
                    let names = refs.isEmpty ? "the default (empty list)" : refs.map { $0.name ?? $0.uuid ?? $0.raw }.joined(separator: ", ")
                    return (.reconciledUnknown(detail: "\(lost); the configuration changed to \(names), _last_modified \(now.lastModified ?? "?") — not what was sent"), now)
                }
            } catch {
                readErrors.append(describe(error))
            }
        }
        guard lastRead != nil else {
            return (.reconciledUnknown(detail: "\(lost); reading back failed too (\(readErrors.last ?? "no answer"))"), nil)
        }
        return (.reconciledNotApplied(detail: "\(lost); \(reads) readings over \(Int(commitWindow.rounded())) s — longer than the controller could still commit the request — show it unchanged (same _last_modified)"), lastRead)
    }

    static func samePEM(_ lhs: String, _ rhs: String?) -> Bool {
        guard let rhs else { return false }
        func strip(_ text: String) -> String { text.filter { !$0.isWhitespace } }
        return strip(lhs) == strip(rhs)
    }

    /// True when a write may or may not have reached the controller.
    static func fateUnknown(_ error: Error) -> Bool {
        guard let error = error as? AviError else { return true }
        switch error {
        // A 5xx answer does not say whether the change was committed before the error.
        case .allControllersFailed, .sessionExpired, .serverError, .serverUnavailable, .malformedResponse: return true
        default: return error.isAddressLevel
        }
    }

    // MARK: Step 7: verify

    /// Reads the configuration back, watches the mappings until they settle (or `settleTimeout`),
    /// and compares the default certificate with the copy from before the change.
    public func verify(_ outcome: ApplyOutcome, plan: RotationPlan, settleTimeout: TimeInterval,
                       shouldStop: @Sendable () -> Bool = { false },
                       progress: @Sendable (MappingProgress) -> Void = { _ in }) async -> VerificationReport {
        var pointsAtTarget: Bool?
        var readBack: [String] = []
        if let config = try? await client.systemConfiguration() {
            let refs = config.secureChannelCertificateRefs
            readBack = refs.map(\.raw)
            let wanted = outcome.newRef.flatMap { AviRef($0).uuid }
            pointsAtTarget = refs.count == 1 && refs[0].uuid == wanted
        }
        let watch = await watchMappings(timeout: settleTimeout, baseline: plan.authenticatedMappingsBefore, names: plan.peerNames,
                                        shouldStop: shouldStop, progress: progress)
        var unchanged: Bool?
        var detail: String
        if let before = outcome.defaultBaseline {
            do {
                let after = try await readDefaultCertificate(uuid: plan.defaultUUID)
                if after == before {
                    unchanged = true
                    detail = "byte-for-byte identical to the copy read before the change (\(after.count) bytes)"
                } else if let a = try? JSONDecoder().decode(JSONValue.self, from: before),
                          let b = try? JSONDecoder().decode(JSONValue.self, from: after), a == b {
                    unchanged = true
                    detail = "identical in content to the copy read before the change (the bytes differ only in order)"
                } else {
                    unchanged = false
                    detail = "DIFFERENT from the copy read before the change — avitui did not write it; check who did"
                }
            } catch {
                detail = "could not be read again: \(describe(error))"
            }
        } else {
            detail = "no copy was taken before the change"
        }
        return VerificationReport(pointsAtTarget: pointsAtTarget, readBackRefs: readBack, mappings: watch,
                                  defaultUnchanged: unchanged, defaultDetail: detail)
    }

    /// The shortest watch that can show SEs stayed up: six heartbeats.
    public var minimumWatch: TimeInterval { Double(Self.heartbeatsWatched) * heartbeat }

    /// Polls the mappings until those in `baseline` (all when nil) reach a final status twice in a
    /// row, the timeout passes, or `shouldStop` says so (checked between polls, every 0.1 s).
    /// A clean result needs at least `minimumWatch` (the timeout is raised to it); a mapping that
    /// did not come back ends the watch as soon as it stays so for two polls.
    func watchMappings(timeout requested: TimeInterval, baseline: Set<String>?, names: [String: String] = [:],
                       shouldStop: @Sendable () -> Bool,
                       progress: @Sendable (MappingProgress) -> Void = { _ in }) async -> MappingWatch {
        let timeout = max(requested, minimumWatch)
        let start = clock.now()
        var polls = 0
        var previous: [String: String]?
        var counts: [String: Int] = [:]
        var failed: [String] = []
        var notBefore: [String] = []
        func watch(_ end: MappingWatch.End, elapsed: TimeInterval, error: String? = nil) -> MappingWatch {
            MappingWatch(end: end, polls: polls, elapsed: elapsed, statusCounts: counts, failed: failed, error: error, notAuthenticatedBefore: notBefore)
        }
        func label(_ mapping: SecureChannelMapping) -> String {
            let name = names[mapping.uuid] ?? names[mapping.name] ?? (mapping.isController ? "controller node" : mapping.name)
            return "\(name) \(mapping.ip.map { "(\($0))" } ?? "")".trimmingCharacters(in: .whitespaces)
        }
        /// Waits one poll interval (less at the window's end); false when asked to stop.
        func pause(_ elapsed: TimeInterval) async -> Bool {
            let pause = max(0.01, min(pollInterval, timeout - elapsed))
            var slept: TimeInterval = 0
            while slept < pause, !shouldStop() {
                let slice = min(0.1, pause - slept)
                try? await Task.sleep(nanoseconds: UInt64(slice * 1_000_000_000))
                slept += slice
            }
            return !shouldStop()
        }
        while true {
            let elapsed = clock.now().timeIntervalSince(start)
            let mappings: [SecureChannelMapping]
            do {
                mappings = try await client.secureChannelMappings().items.filter { !$0.markedForDelete }
            } catch {
                // A failover or restart (no answer, 502-504) passes: read again until the window
                // ends. An answer that will not change (403, a refused login) ends the watch now.
                // A failed read can take a whole request timeout: the window is judged after it.
                let after = clock.now().timeIntervalSince(start)
                guard Self.passes(error), after < timeout else { return watch(.unreadable, elapsed: after, error: describe(error)) }
                guard await pause(after) else { return watch(.interrupted, elapsed: clock.now().timeIntervalSince(start)) }
                continue
            }
            polls += 1
            let judged = mappings.filter { baseline?.contains($0.uuid) ?? true }
            let others = mappings.filter { !(baseline?.contains($0.uuid) ?? true) }
            notBefore = others.map { "\(label($0)) \($0.status.short)" }
            let statuses = Dictionary(judged.map { ($0.uuid, $0.status.rawValue) }, uniquingKeysWith: { first, _ in first })
            counts = Dictionary(grouping: judged, by: { $0.status.short }).mapValues(\.count)
            // Every judged mapping not authenticated now did not come back (failed, or still trying).
            failed = judged.filter { !$0.status.isAuthenticated }.map { "\(label($0)) \($0.status.short)" }
            progress(MappingProgress(elapsed: elapsed, timeout: timeout, authenticated: judged.filter { $0.status.isAuthenticated }.count,
                                     judged: judged.count, notAuthenticatedBefore: others.count))
            // Final = proved (or failed) who it is; two identical final readings in a row = settled.
            let final = judged.allSatisfy { $0.status.isAuthenticated || $0.status.isFailure || $0.status == .authIgnored }
            if final, previous == statuses, !failed.isEmpty || elapsed >= minimumWatch { return watch(.settled, elapsed: elapsed) }
            previous = statuses
            if shouldStop() { return watch(.interrupted, elapsed: elapsed) }
            // The window has passed and the last reading shows every judged mapping authenticated:
            // healthy, even when slow readings left no time for a second identical one.
            if elapsed >= timeout { return watch(final && failed.isEmpty ? .settled : .timedOut, elapsed: elapsed) }
            guard await pause(elapsed) else { return watch(.interrupted, elapsed: clock.now().timeIntervalSince(start)) }
        }
    }

    /// A read error that waiting may cure: no answer from the controller, or a leader change
    /// or restart in progress (502-504).
    static func passes(_ error: Error) -> Bool {
        guard let error = error as? AviError else { return false }
        return error.isAddressLevel || error.isUnreachable || error.isServerRestarting
    }

    // MARK: Helpers

    /// The stored default object exactly as the controller sends it (its bytes, not a decoding).
    func readDefaultCertificate(uuid: String?) async throws -> Data {
        var uuid = uuid
        if uuid == nil { uuid = try await client.certificate(named: RotationContext.defaultCertificateName)?.uuid }
        guard let uuid else {
            throw AviError.notFound(path: "/api/sslkeyandcertificate?name=\(RotationContext.defaultCertificateName)")
        }
        return try await client.session.send(.get, "/api/sslkeyandcertificate/\(uuid)", tenant: "*").body
    }

    private func describe(_ error: Error) -> String {
        (error as? AviError)?.description ?? "\(error)"
    }
}
