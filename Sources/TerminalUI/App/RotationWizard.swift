import AviAPI
import Console
import Foundation

/// The rotation wizard as the console hosts it (`WizardHost`): keys go through the pure
/// `RotationWizardUpdate`, I/O runs in tasks with a `RotationExecutor` (never on the UI loop),
/// and results come back through the same update. The console redraws at least once a second,
/// so progress shows without any call back into the loop.
///
/// Wiring (console side): `ConsoleApp.Dependencies(wizard: RotationWizard(executor:
/// RotationExecutor(client: client), auditLog: AuditLog(paths: XDGPaths()), readOnlyReason: …))`.
public final class RotationWizard: WizardHost, @unchecked Sendable {
    private let executor: RotationExecutor
    private let auditLog: AuditLog
    private let readOnlyReason: String?
    private let settleTimeout: TimeInterval
    private let clock: any WallClock
    /// Called after every write of ours, so the console re-reads what it changed at once.
    private let afterWrite: @Sendable () -> Void
    private let lock = NSLock()
    private var state = RotationWizardState()
    /// Bumped on every open, so results of an earlier run are dropped.
    private var generation = 0
    private var running: [Task<Void, Never>] = []

    public init(executor: RotationExecutor, auditLog: AuditLog, readOnlyReason: String? = nil, settleTimeout: TimeInterval = 120,
                clock: any WallClock = SystemWallClock(), afterWrite: @escaping @Sendable () -> Void = {}) {
        self.afterWrite = afterWrite
        self.executor = executor
        self.auditLog = auditLog
        self.readOnlyReason = readOnlyReason
        self.settleTimeout = settleTimeout
        self.clock = clock
    }

    /// A copy of what the wizard shows now.
    public var currentState: RotationWizardState {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    public func open(context: ViewContext) {
        let runGeneration: Int = locked {
            generation += 1
            state = RotationWizardState()
            if let reason = readOnlyReason {
                state.phase = .unavailable(RotationError.readOnly(reason: reason).description)
            }
            return generation
        }
        if readOnlyReason == nil { perform([.load], generation: runGeneration) }
    }

    public func handle(_ key: Key, context: ViewContext) -> Bool {
        let (commands, runGeneration, closed): ([RotationWizardCommand], Int, Bool) = locked {
            let (next, commands) = RotationWizardUpdate.update(state, key: key, now: clock.now())
            state = next
            return (commands, generation, next.isClosed)
        }
        perform(commands, generation: runGeneration)
        return !closed
    }

    public func render(into canvas: inout Canvas, area: Rect, context: ViewContext) {
        RotationWizardView.render(currentState, into: &canvas, area: area, styles: context.styles, now: context.now)
    }

    /// Waits until no I/O is running (tests; the console never waits).
    public func settle() async {
        while true {
            let tasks: [Task<Void, Never>] = locked { let current = running; running = []; return current }
            if tasks.isEmpty { return }
            for task in tasks { await task.value }
        }
    }

    private func perform(_ commands: [RotationWizardCommand], generation runGeneration: Int) {
        for command in commands {
            if case .close = command { continue }
            let task = Task { [self] in
                let result = await run(command, generation: runGeneration)
                let follow: [RotationWizardCommand] = locked {
                    guard generation == runGeneration, let result else { return [] }
                    let (next, commands) = RotationWizardUpdate.receive(state, result, now: clock.now())
                    state = next
                    return commands
                }
                perform(follow, generation: runGeneration)
            }
            locked { running.append(task) }
        }
    }

    private func run(_ command: RotationWizardCommand, generation runGeneration: Int) async -> RotationWizardResult? {
        switch command {
        case .load:
            do { return .loaded(try await executor.loadContext(readOnlyReason: readOnlyReason)) } catch {
                return .loadFailed((error as? RotationError)?.description ?? (error as? AviError)?.description ?? "\(error)")
            }
        case let .readImport(form):
            let existing = currentState.flow?.context.existingNames ?? []
            return Self.readImport(form, existingNames: existing, now: clock.now())
        case let .apply(plan):
            let outcome = await executor.apply(plan)
            if outcome.anyWriteSent { afterWrite() }
            return .applied(outcome)
        case let .verify(outcome, plan):
            let report = await executor.verify(
                outcome, plan: plan, settleTimeout: settleTimeout,
                shouldStop: { [self] in locked { generation != runGeneration || state.stopWatching } },
                progress: { [self] progress in locked { if generation == runGeneration { state.watchProgress = progress } } })
            return .verified(report)
        case let .writeAudit(entry):
            do {
                try auditLog.append(entry)
                return .audited(path: auditLog.url.path, error: nil)
            } catch {
                return .audited(path: auditLog.url.path, error: "\(error)")
            }
        case let .rollback(plan, appliedRef):
            let run = await executor.rollback(
                plan, appliedRef: appliedRef, settleTimeout: settleTimeout,
                shouldStop: { [self] in locked { generation != runGeneration || state.stopWatching } },
                progress: { [self] progress in locked { if generation == runGeneration { state.watchProgress = progress } } })
            if run.outcome.anyWriteSent { afterWrite() }
            return .rolledBack(run)
        case let .writeRollbackAudit(entry):
            do {
                try auditLog.append(entry)
                return .rollbackAudited(path: auditLog.url.path, error: nil)
            } catch {
                return .rollbackAudited(path: auditLog.url.path, error: "\(error)")
            }
        case .verifyOnly:
            do {
                return .verifiedOnly(try await executor.verifyOnly(
                    settleTimeout: settleTimeout,
                    shouldStop: { [self] in locked { generation != runGeneration || state.stopWatching } },
                    progress: { [self] progress in locked { if generation == runGeneration { state.watchProgress = progress } } }))
            } catch {
                return .verifyOnlyFailed("verify only: \((error as? AviError)?.description ?? "\(error)")")
            }
        case let .createSigningRequest(name, subject, saveTo):
            do {
                let made = try await executor.createSigningRequest(name: name, subject: subject)
                afterWrite()
                var lines = ["created \(made.name): pending, the key stays on the controller (subject \(made.subject))"]
                let path = (saveTo.trimmingCharacters(in: .whitespaces) as NSString).expandingTildeInPath
                if !path.isEmpty {
                    do {
                        try Data(made.csrPEM.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                        lines.append("CSR saved to \(path) — have the CA sign it, then choose \(made.name) below and press Enter to complete it")
                    } catch {
                        lines.append("the CSR could not be saved to \(path): \(error)")
                    }
                } else {
                    lines.append("the CSR is on the controller (\(made.name)); save it with a path next time, or print it with avitui rotate")
                }
                return .signing(lines: lines, context: try? await executor.loadContext(readOnlyReason: readOnlyReason))
            } catch {
                return .signing(lines: ["the CSR was not made: " + ((error as? SigningRequestError)?.description ?? (error as? AviError)?.description ?? "\(error)")],
                                context: nil)
            }
        case let .completeSigningRequest(name, certificatePath, chainPath):
            do {
                let certificate = try Self.readFile(certificatePath, what: "certificate")
                let chainText = chainPath.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try Self.readFile(chainPath, what: "chain")
                let done = try await executor.completeSigningRequest(name: name, certificatePEM: certificate, chainPEM: chainText,
                                                                     certificateSource: certificatePath, chainSource: chainPath)
                afterWrite()
                var lines = ["completed \(done.name): \(done.status)" + (done.notAfter.map { ", expires \(AviDate.rfc3339($0))" } ?? "") + " — choose it below to continue"]
                lines += done.createdCAs.map { "created CA certificate \($0.name) for the chain" }
                lines += done.warnings.map { "warning: \($0)" }
                return .signing(lines: lines, context: try? await executor.loadContext(readOnlyReason: readOnlyReason))
            } catch {
                return .signing(lines: ["not completed: " + ((error as? SigningRequestError)?.description ?? (error as? CertificateReadError)?.description
                                                            ?? (error as? AviError)?.description ?? "\(error)")], context: nil)
            }
        case .close:
            return nil
        }
    }

    static func readFile(_ path: String, what: String) throws -> String {
        let expanded = (path as NSString).expandingTildeInPath
        guard let data = FileManager.default.contents(atPath: expanded), let text = String(data: data, encoding: .utf8) else {
            throw AviError.invalidConfiguration("the \(what) file \(path) cannot be read — check the path")
        }
        return text
    }

    static func readImport(_ form: WizardImportForm, existingNames: Set<String>, now: Date) -> RotationWizardResult {
        func read(_ path: String, what: String) throws -> String {
            let expanded = (path as NSString).expandingTildeInPath
            guard let data = FileManager.default.contents(atPath: expanded), let text = String(data: data, encoding: .utf8) else {
                throw AviError.invalidConfiguration("the \(what) file \(path) cannot be read — check the path")
            }
            return text
        }
        do {
            let chainPath = form[.chain].trimmingCharacters(in: .whitespaces)
            let passphrase = form[.passphrase]
            let material = ImportMaterial(
                certificatePEM: try read(form[.certificate], what: "certificate"), keyPEM: try read(form[.key], what: "key"),
                chainPEM: chainPath.isEmpty ? nil : try read(chainPath, what: "chain"), passphrase: passphrase.isEmpty ? nil : passphrase,
                certificateSource: form[.certificate], keySource: form[.key], chainSource: chainPath)
            var name = form[.name].trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                let leaf = try CertificateFacts.parseAll(pem: material.certificatePEM, source: material.certificateSource)[0]
                name = CertificateImport.suggestedName(for: CertificateFacts(leaf.certificate, der: leaf.der), now: now, taken: existingNames)
            }
            return .importRead(try CertificateImport(material, name: name))
        } catch let error as PrivateKeyError {
            if case .passphraseRequired = error { return .importFailed("the key is encrypted — fill in the passphrase field") }
            return .importFailed(error.description)
        } catch {
            return .importFailed("\(error)")
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
