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
    /// Told just before each write leaves (method, path): progress for a UI, and the point where
    /// tests inject a fault into exactly that request.
    public var willSendWrite: @Sendable (HTTPMethod, String) async -> Void

    public init(client: AviClient, clock: any WallClock = SystemWallClock(), pollInterval: TimeInterval = 2,
                willSendWrite: @escaping @Sendable (HTTPMethod, String) async -> Void = { _, _ in }) {
        self.client = client
        self.clock = clock
        self.pollInterval = pollInterval
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
        let mustChecks = MustCheckReport(serviceEngineCount: try await serviceEngines, clouds: try await clouds.items,
                                         clusterNodes: clusterConfig.nodes.count, clusterState: clusterState,
                                         controllerHasBypassFlag: config.hasBypassFlag, controllerVersion: login?.version?.version)
        return RotationContext(configuration: config, certificates: try await certificates.items, mustChecks: mustChecks,
                               clusterName: clusterConfig.name ?? host.host ?? host.absoluteString,
                               controller: host.absoluteString, controllerVersion: login?.version?.version,
                               user: login?.user?.username ?? client.session.settings.username, readAt: clock.now(),
                               authenticatedMappings: mappings.map { items in
                                   Set(items.filter { !$0.markedForDelete && $0.status.isAuthenticated }.map(\.uuid))
                               })
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
        await willSendWrite(.put, "/api/systemconfiguration")
        do {
            let after = try await client.putSystemConfiguration(plan.configuration(pointingAt: ref))
            return outcome(.applied, ref: ref, after: after, baseline: baseline)
        } catch let error as AviError {
            switch error {
            case .concurrentModification:
                // Read before saying so: an HTTP library that re-sends a request on a dropped connection
                // can turn our own applied PUT into a 412. Report what is true either way.
                if let now = try? await client.systemConfiguration(), now.secureChannelCertificateRefs.count == 1,
                   now.secureChannelCertificateRefs[0].uuid == AviRef(ref).uuid {
                    return outcome(.reconciledApplied(detail: "the PUT was answered 412, yet the configuration already refers to \(plan.afterName) — our own request re-sent after a dropped connection, or the same change made by someone else"),
                                   ref: ref, after: now, baseline: baseline)
                }
                return outcome(.concurrentModification, ref: ref, baseline: baseline)
            case .readOnly, .protectedObject:
                writes -= 1  // refused by the write guard: nothing left the process
                return outcome(.stoppedBeforeChange(reason: error.description), ref: ref, baseline: baseline)
            default:
                guard Self.fateUnknown(error) else {
                    return outcome(.refusedByController(message: error.description), ref: ref, baseline: baseline)
                }
                return await reconcile(plan: plan, ref: ref, cause: error, outcome: { result, after in outcome(result, ref: ref, after: after, baseline: baseline) })
            }
        } catch {
            return await reconcile(plan: plan, ref: ref, cause: error, outcome: { result, after in outcome(result, ref: ref, after: after, baseline: baseline) })
        }
    }

    /// After a PUT whose answer was lost: read the configuration and say what is true.
    private func reconcile(plan: RotationPlan, ref: String, cause: Error,
                           outcome: (ApplyOutcome.Result, SystemConfiguration?) -> ApplyOutcome) async -> ApplyOutcome {
        let lost = describe(cause)
        let now: SystemConfiguration
        do {
            now = try await client.systemConfiguration()
        } catch {
            return outcome(.reconciledUnknown(detail: "\(lost); reading back failed too (\(describe(error)))"), nil)
        }
        let refs = now.secureChannelCertificateRefs
        let wanted = AviRef(ref).uuid
        if refs.count == 1, refs[0].uuid == wanted {
            return outcome(.reconciledApplied(detail: "\(lost); the configuration now refers to \(plan.afterName)"), now)
        }
        if refs.map(\.uuid) == plan.beforeRefs.map(\.uuid), now.lastModified == plan.base.lastModified {
            return outcome(.reconciledNotApplied(detail: "\(lost); the configuration is unchanged (same _last_modified)"), now)
        }
        let names = refs.isEmpty ? "the default (empty list)" : refs.map { $0.name ?? $0.uuid ?? $0.raw }.joined(separator: ", ")
        return outcome(.reconciledUnknown(detail: "\(lost); the configuration changed to \(names), _last_modified \(now.lastModified ?? "?") — not what was sent"), now)
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
        case .allControllersFailed, .sessionExpired: return true
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
        let watch = await watchMappings(timeout: settleTimeout, baseline: plan.authenticatedMappingsBefore, shouldStop: shouldStop, progress: progress)
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

    /// Polls the mappings until those in `baseline` (all when nil) reach a final status twice in a
    /// row, the timeout passes, or `shouldStop` says so (checked between polls, every 0.1 s).
    func watchMappings(timeout: TimeInterval, baseline: Set<String>?, shouldStop: @Sendable () -> Bool,
                       progress: @Sendable (MappingProgress) -> Void = { _ in }) async -> MappingWatch {
        let start = clock.now()
        var polls = 0
        var previous: [String: String]?
        var counts: [String: Int] = [:]
        var failed: [String] = []
        var notBefore: [String] = []
        func watch(_ end: MappingWatch.End, elapsed: TimeInterval, error: String? = nil) -> MappingWatch {
            MappingWatch(end: end, polls: polls, elapsed: elapsed, statusCounts: counts, failed: failed, error: error, notAuthenticatedBefore: notBefore)
        }
        func label(_ mapping: SecureChannelMapping) -> String { "\(mapping.name) \(mapping.ip ?? "")".trimmingCharacters(in: .whitespaces) }
        while true {
            let elapsed = clock.now().timeIntervalSince(start)
            let mappings: [SecureChannelMapping]
            do {
                mappings = try await client.secureChannelMappings().items.filter { !$0.markedForDelete }
            } catch {
                return watch(.unreadable, elapsed: elapsed, error: describe(error))
            }
            polls += 1
            let judged = mappings.filter { baseline?.contains($0.uuid) ?? true }
            let others = mappings.filter { !(baseline?.contains($0.uuid) ?? true) }
            notBefore = others.map { "\(label($0)) \($0.status.short)" }
            let statuses = Dictionary(judged.map { ($0.uuid, $0.status.rawValue) }, uniquingKeysWith: { first, _ in first })
            counts = Dictionary(grouping: judged, by: { $0.status.short }).mapValues(\.count)
            failed = judged.filter { $0.status.isFailure }.map(label)
            progress(MappingProgress(elapsed: elapsed, timeout: timeout, authenticated: judged.filter { $0.status.isAuthenticated }.count,
                                     judged: judged.count, notAuthenticatedBefore: others.count))
            // Final = proved (or failed) who it is; two identical final readings in a row = settled.
            let final = judged.allSatisfy { $0.status.isAuthenticated || $0.status.isFailure || $0.status == .authIgnored }
            if final, previous == statuses { return watch(.settled, elapsed: elapsed) }
            previous = statuses
            if shouldStop() { return watch(.interrupted, elapsed: elapsed) }
            if elapsed >= timeout { return watch(.timedOut, elapsed: elapsed) }
            let pause = max(0.01, min(pollInterval, timeout - elapsed))
            var slept: TimeInterval = 0
            while slept < pause, !shouldStop() {
                let slice = min(0.1, pause - slept)
                try? await Task.sleep(nanoseconds: UInt64(slice * 1_000_000_000))
                slept += slice
            }
            if shouldStop() { return watch(.interrupted, elapsed: clock.now().timeIntervalSince(start)) }
        }
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
