import AviAPI
import ArgumentParser
import Console
import Dispatch
import Foundation

/// `avitui rotate`: the secure-channel certificate rotation without the TUI. It drives the same
/// `RotationFlow` as the wizard and prints each of the eight steps; nothing is written before the
/// typed confirmation of step 6, and `System-Default-Secure-Channel-Cert` is never written at all.
struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Point the secure channel at a new certificate (existing, imported, or made from a CSR), verified and audited.",
        discussion: """
            Either --to NAME (an existing certificate with a key; --to System-Default-Secure-Channel-Cert or \
            --to default returns to the default), or --cert and --key PEM files to import as a new object. \
            Without --yes the cluster name is typed on the terminal to confirm. Every change is appended to \
            $XDG_STATE_HOME/avitui/audit.jsonl with the command that rolls it back. \
            --verify-only changes nothing and judges the secure channel as it is. --csr has the controller make \
            the key and a CSR; --complete NAME --cert PEM attaches the CA-signed certificate; then --to NAME. \
            Exit status: 0 applied and verified; 1 stopped, nothing changed; 2 bad command line; 3 applied but \
            verification failed, not rolled back (--verify-only: the channel is not healthy); 4 applied, \
            verification failed, rolled back and the rollback verified; 5 outcome unknown.
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: ArgumentHelp("Use this existing certificate (or 'default' to roll back to the default).", valueName: "NAME"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("PEM certificate to import (may be followed by its chain).", valueName: "PEM"), completion: .file())
    var cert: String?

    @Option(name: .long, help: ArgumentHelp("PEM private key of --cert: PKCS#8 or traditional, encrypted or not.", valueName: "PEM"),
            completion: .file())
    var key: String?

    @Option(name: .long, help: ArgumentHelp("PEM chain (intermediates) of --cert, imported as CA certificates.", valueName: "PEM"),
            completion: .file())
    var chain: String?

    @Option(name: .long, help: ArgumentHelp("Name of the new object (default secure-channel-<CN>-<date>); never an existing one.", valueName: "NEW"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("File holding the key's passphrase, mode 0600 (else asked on the terminal).", valueName: "PATH"),
            completion: .file())
    var passphraseFile: String?

    @Flag(name: .long, help: "Show every step and the exact calls, then stop: no write is sent.")
    var dryRun = false

    @Flag(name: .long, help: "Do not ask for typed confirmations (scripts).")
    var yes = false

    @Flag(name: .long, help: "Go on although must-checks failed (also asks to type 'override').")
    var overrideChecks = false

    @Option(name: .long, help: ArgumentHelp("How long to watch the secure-channel mappings settle; never less than six heartbeats (60 s).", valueName: "SECS"))
    var settleTimeout: Double?

    @Flag(name: .long, help: "When verification fails, put the previous certificate back (verified and audited as its own entry).")
    var rollbackOnFailure = false

    @Flag(name: .long, help: "Change nothing: judge the current secure-channel certificate's mappings (a change made elsewhere).")
    var verifyOnly = false

    @Flag(name: .long, help: "Have the controller create the key and a CSR under --name, with --subject (the key never leaves it).")
    var csr = false

    @Option(name: .long, help: ArgumentHelp("Subject of the CSR, e.g. 'CN=avi.example.com, O=Example, C=US'.", valueName: "DN"))
    var subject: String?

    @Option(name: .long, help: ArgumentHelp("Write the CSR to this file instead of printing it.", valueName: "FILE"), completion: .file())
    var csrOut: String?

    @Option(name: .long, help: ArgumentHelp("Attach the CA-signed --cert to this pending CSR object (the secure channel is not changed).", valueName: "NAME"))
    var complete: String?

    /// Seconds between controller heartbeats (a scaled simulator in tests); 10 on a real controller.
    @Option(name: .long, help: .hidden)
    var heartbeatSeconds: Double = 10

    /// How long an unknown outcome is read back (tests shorten it); default: the request timeout plus 10 s.
    @Option(name: .long, help: .hidden)
    var commitWindow: Double?

    /// The watch: at least six heartbeats.
    var watchSeconds: Double { max(settleTimeout ?? 0, Double(RotationExecutor.heartbeatsWatched) * heartbeatSeconds) }

    func validate() throws {
        if let settleTimeout, settleTimeout < 0 { throw ValidationError("--settle-timeout must be 0 or more seconds") }
        if heartbeatSeconds <= 0 { throw ValidationError("--heartbeat-seconds must be more than 0") }
        let modes = [verifyOnly, csr, complete != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("give one of --verify-only, --csr and --complete") }
        if modes == 1, to != nil || key != nil || dryRun || rollbackOnFailure || overrideChecks || passphraseFile != nil {
            throw ValidationError("--verify-only, --csr and --complete change no secure channel: leave out --to, --key, --dry-run, --rollback-on-failure, --override-checks and --passphrase-file")
        }
        if verifyOnly {
            if cert != nil || chain != nil || name != nil || subject != nil || csrOut != nil { throw ValidationError("--verify-only takes only --settle-timeout") }
            return
        }
        if csr {
            guard name != nil, subject != nil else { throw ValidationError("--csr needs --name NEW and --subject DN") }
            if cert != nil || chain != nil { throw ValidationError("--csr takes --name, --subject and --csr-out; the certificate comes later with --complete") }
            return
        }
        if subject != nil || csrOut != nil { throw ValidationError("--subject and --csr-out go with --csr") }
        if complete != nil {
            guard cert != nil else { throw ValidationError("--complete NAME needs --cert PEM (the CA-signed certificate)") }
            if name != nil { throw ValidationError("--complete names the object itself; leave out --name") }
            return
        }
        let importing = cert != nil || key != nil
        if (to == nil) == !importing || (importing && (cert == nil || key == nil)) {
            throw ValidationError("give either --to NAME, or --cert PEM and --key PEM (or --verify-only, --csr, --complete)")
        }
        if to != nil, chain != nil || name != nil || passphraseFile != nil {
            throw ValidationError("--chain, --name and --passphrase-file go with --cert/--key, not with --to")
        }
    }

    func run() async throws {
        try await runReportingErrors {
            do {
                try await rotate()
            } catch let error as RotationError {
                Output.error(error.description)
                throw ExitCode(ExitStatus.failure.rawValue)
            } catch let error as CertificateReadError {
                Output.error(error.description)
                throw ExitCode(ExitStatus.usage.rawValue)
            } catch let error as PrivateKeyError {
                Output.error(error.description)
                throw ExitCode(ExitStatus.usage.rawValue)
            } catch let error as SigningRequestError {
                Output.err("avitui: \(error.description)\n")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
        }
    }

    private func rotate() async throws {
        if verifyOnly { return try await runVerifyOnly() }
        // Files first: a typo in a path fails before anything is sent, even the login.
        if connection.readOnly { throw RotationError.readOnly(reason: "--read-only") }
        if csr || complete != nil { return try await runSigningRequest() }
        let material = try importMaterial()
        if material != nil, connection.insecure {
            throw RotationError.unverifiedController(what: "importing a private key")
        }

        let log = RequestLog()
        let opened = try await ControllerConnection.open(connection, log: log, detectWriteAccess: true)
        try await opened.loggingOut { try await perform(opened: opened, log: log, material: material) }
    }

    private func perform(opened: ControllerConnection, log: RequestLog, material: ImportMaterial?) async throws {
        if opened.connection.readOnly {
            throw RotationError.readOnly(reason: opened.connection.readOnlyReason ?? "read-only mode")
        }
        let executor = makeExecutor(opened.client)
        let context = try await executor.loadContext(readOnlyReason: opened.connection.readOnlyReason)
        let now = Date()
        var flow = try RotationFlow.start(context: context, now: now, dryRun: dryRun)
        // The target is checked before anything else is asked for: a misspelt name is the error to see.
        let target = try resolveTarget(context: context, material: material, now: now)
        if !yes && !dryRun && !TerminalLine.available {
            throw RotationError.notInteractive(what: "the rotation")
        }

        show(step: .current, RotationText.current(context, now: now))
        flow.handle(.next)
        show(step: .choose, RotationText.chosen(target, context: context, now: now))
        flow.handle(.choose(target))

        show(step: .validate, flow.validation.map(RotationText.validation) ?? [])
        try advance(&flow)

        show(step: .mustChecks, RotationText.mustChecks(context.mustChecks, overrideConfirmed: false))
        if !context.mustChecks.allPassed, dryRun {
            // A dry run shows every step: the stop is reported, then the plan the override would send.
            Output.out(overrideChecks
                ? "  dry run: the real run asks you to type '\(RotationFlow.overridePhrase)' here\n"
                : "  would stop here without --override-checks (nothing is sent; the dry run goes on to show the plan)\n")
            if overrideChecks { flow.handle(.overrideMustChecks(typed: RotationFlow.overridePhrase)) }
        } else if !context.mustChecks.allPassed {
            guard overrideChecks else {
                throw RotationError.notAllowed(step: .mustChecks, why: "must-checks failed; stopped (the safe default) — nothing was sent")
            }
            let typed = yes ? RotationFlow.overridePhrase
                : try TypedConfirmation.ask("Must-checks failed. Type '\(RotationFlow.overridePhrase)' to go on anyway: ")
            flow.handle(.overrideMustChecks(typed: typed))
            if let notice = flow.notice { throw RotationError.notAllowed(step: .mustChecks, why: notice) }
            Output.out("override confirmed: \(context.mustChecks.overrideExplanation)\n")
        }
        try advance(&flow)

        guard let plan = flow.plan else { throw RotationError.notAllowed(step: .plan, why: "no plan") }
        show(step: .plan, RotationText.plan(plan, wouldStop: flow.dryRunPassedFailedChecks))
        if flow.handle(.next).map({ if case .finishedDryRun = $0 { return true } else { return false } }) == true {
            let records = log.snapshot().filter { !$0.refused }
            let writes = records.filter { $0.method.isMutating && $0.path != "/login" && $0.path != "/logout" }.count
            Output.out("\ndry run: nothing was changed — \(records.count) requests sent, \(writes) writes (login aside)\n")
            if flow.dryRunPassedFailedChecks {
                Output.err("avitui: the real run would stop at step 4: must-checks failed (\(context.mustChecks.failed.map(\.check.rawValue).joined(separator: ", "))) — add --override-checks to go on\n")
                throw ExitCode(ExitStatus.failure.rawValue)
            }
            return
        }

        show(step: .confirm, ["the change is sent after you type the cluster name; Ctrl-C now leaves with nothing changed"])
        let typed = yes ? context.clusterName : try TypedConfirmation.ask("Type the cluster name (\(SafeText.sanitize(context.clusterName))) to apply: ")
        guard case let .apply(toApply)? = flow.handle(.confirm(typed: typed)) else {
            throw RotationError.confirmationMismatch(expected: context.clusterName)
        }

        // From here on the change is in flight: Ctrl-C must not leave it unreconciled and unrecorded.
        let interrupt = RotateCommand.interruptWatch()
        let outcome = await executor.apply(toApply)
        Output.out(RotationText.outcome(outcome).map { "  " + $0 }.joined(separator: "\n") + "\n")
        var effect = flow.handle(.applied(outcome))
        if case let .verify(applied)? = effect {
            show(step: .verify, ["reading back; watching the secure-channel mappings for up to \(Int(watchSeconds)) s — at least six heartbeats (Ctrl-C stops watching)"])
            let ticker = ProgressTicker()
            let report = await executor.verify(applied, plan: toApply, settleTimeout: watchSeconds, shouldStop: { interrupt.fired },
                                               progress: { ticker.report($0) })
            Output.out(RotationText.verification(report).map { "  " + $0 }.joined(separator: "\n") + "\n")
            effect = flow.handle(.verified(report))
        }
        let auditLog = AuditLog(paths: XDGPaths())
        if case let .writeAudit(entry)? = effect {
            var auditError: String?
            do { try auditLog.append(entry) } catch { auditError = "\(error)" }
            flow.handle(.audited(error: auditError))
            var lines = [auditError.map { "FAIL audit log: \($0)" } ?? "recorded in \(auditLog.url.path)"]
            if let report = flow.verification, !report.passed, outcome.configurationMayHaveChanged {
                lines += RotationText.rollbackOffer(toApply, report: report)
            } else if !entry.rollbackCommand.isEmpty {
                lines.append("to roll back: \(entry.rollbackCommand)")
                if let note = RotationCommandLine.rollbackOverrideNote(toApply) { lines.append(note) }
            }
            show(step: .audit, lines)
        }
        let exit = try await finish(flow: flow, outcome: outcome, plan: toApply, executor: executor, auditLog: auditLog, interrupt: interrupt)
        interrupt.stop()
        if exit != .applied { throw ExitCode(exit.rawValue) }
    }

    /// The exit status from what was read back; with --rollback-on-failure, the rollback first.
    private func finish(flow: RotationFlow, outcome: ApplyOutcome, plan: RotationPlan, executor: RotationExecutor,
                        auditLog: AuditLog, interrupt: SignalNotice) async throws -> RotationExit {
        switch outcome.result {
        case .reconciledUnknown: return .unknown
        case .applied, .reconciledApplied: break
        default: return .stopped
        }
        guard let report = flow.verification, !report.passed else { return .applied }
        guard rollbackOnFailure else { return .verificationFailed }
        if interrupt.fired {
            Output.err("avitui: Ctrl-C during the watch — no automatic rollback; run the rollback command above if needed\n")
            return .verificationFailed
        }
        Output.out("\n" + Painter(enabled: Output.useColor).title("[rollback] verification failed — putting \(SafeText.sanitize(plan.rollbackTarget)) back") + "\n")
        let ticker = ProgressTicker()
        let run = await executor.rollback(plan, appliedRef: outcome.newRef, settleTimeout: watchSeconds,
                                          shouldStop: { interrupt.fired }, progress: { ticker.report($0) })
        var lines = RotationText.rollback(run)
        if let entry = run.auditEntry {
            do {
                try auditLog.append(entry)
                lines.append("recorded in \(auditLog.url.path) (its own entry)")
            } catch {
                lines.append("FAIL audit log: \(error)")
            }
        }
        Output.out(lines.map { "  " + $0 }.joined(separator: "\n") + "\n")
        if interrupt.fired, let state = Self.interruptedRollbackState(run, plan: plan, auditPath: auditLog.url.path) {
            Output.err("avitui: Ctrl-C during the rollback — \(state)\n")
        }
        if case .reconciledUnknown = run.outcome.result { return .unknown }
        return run.restored ? .rolledBack : .verificationFailed
    }

    /// What a Ctrl-C during the rollback left, in one line for stderr (nil when it changed nothing
    /// of the result: the rollback had finished and was verified).
    static func interruptedRollbackState(_ run: RollbackRun, plan: RotationPlan, auditPath: String) -> String? {
        if run.restored { return nil }
        let target = SafeText.sanitize(plan.rollbackTarget)
        switch run.outcome.result {
        case .stoppedBeforeChange:
            return "nothing was rolled back: the secure channel still refers to \(SafeText.sanitize(plan.afterName)), whose verification failed; roll back with: \(RotationCommandLine.rollback(plan))"
        case .reconciledUnknown:
            return "whether the rollback to \(target) was applied is unknown (audited as unknown in \(auditPath)); check with avitui status before anything else"
        default:
            if run.watchStopped {
                return "the rollback to \(target) is applied (read back), but whether the mappings came back is unknown (audited so in \(auditPath)); avitui rotate --verify-only watches them"
            }
            return nil
        }
    }

    /// `--verify-only`: nothing is written; the session may be read-only.
    private func runVerifyOnly() async throws {
        let log = RequestLog()
        let opened = try await ControllerConnection.open(connection, log: log, detectWriteAccess: false)
        let executor = makeExecutor(opened.client)
        let interrupt = RotateCommand.interruptWatch()
        let ticker = ProgressTicker()
        Output.out("watching the secure-channel mappings for \(Int(watchSeconds)) s (six heartbeats at least; nothing is changed; Ctrl-C stops)\n")
        let result = try await opened.loggingOut {
            defer { interrupt.stop() }
            return try await executor.verifyOnly(settleTimeout: watchSeconds, shouldStop: { interrupt.fired }, progress: { ticker.report($0) })
        }
        Output.out(result.lines.joined(separator: "\n") + "\n")
        if !result.healthy { throw ExitCode(RotationExit.verificationFailed.rawValue) }
    }

    /// `--csr` and `--complete`: objects are created or completed; the secure channel is not changed.
    private func runSigningRequest() async throws {
        let certificatePEM = try cert.map { try readText($0, what: "certificate") }
        let chainPEM = try chain.map { try readText($0, what: "chain") }
        let log = RequestLog()
        let opened = try await ControllerConnection.open(connection, log: log, detectWriteAccess: true)
        try await opened.loggingOut { try await signingRequest(opened: opened, certificatePEM: certificatePEM, chainPEM: chainPEM) }
    }

    private func signingRequest(opened: ControllerConnection, certificatePEM: String?, chainPEM: String?) async throws {
        if opened.connection.readOnly { throw RotationError.readOnly(reason: opened.connection.readOnlyReason ?? "read-only mode") }
        let executor = makeExecutor(opened.client)
        if csr, let name, let subject {
            let made = try await executor.createSigningRequest(name: name, subject: subject)
            if let csrOut {
                do {
                    try Data(made.csrPEM.utf8).write(to: URL(fileURLWithPath: csrOut), options: .atomic)
                } catch {
                    throw AviError.invalidConfiguration("the CSR file \(csrOut) cannot be written (\(error)) — the object \(made.name) exists on the controller, pending; print its CSR with --csr-out omitted is not possible twice, read it in the console")
                }
                Output.out("created \(SafeText.sanitize(made.name)) (pending; the key stays on the controller), subject \(SafeText.sanitize(made.subject))\nCSR written to \(csrOut)\n")
            } else {
                Output.err("created \(SafeText.sanitize(made.name)) (pending; the key stays on the controller), subject \(SafeText.sanitize(made.subject))\n")
                Output.out(made.csrPEM)
            }
            Output.err("next: have the CA sign it, then avitui rotate --complete \(RotationCommandLine.quote(made.name)) --cert SIGNED.pem [--chain CHAIN.pem]\n")
            return
        }
        guard let complete, let certificatePEM, let cert else { return }
        let done = try await executor.completeSigningRequest(name: complete, certificatePEM: certificatePEM, chainPEM: chainPEM,
                                                             certificateSource: cert, chainSource: chain ?? "the chain")
        var lines = ["completed \(SafeText.sanitize(done.name)): \(done.status)" + (done.notAfter.map { ", expires \(AviDate.rfc3339($0))" } ?? "")]
        lines += done.createdCAs.map { "created CA certificate \(SafeText.sanitize($0.name)) for the chain" }
        lines += done.warnings.map { "warning: " + SafeText.sanitize($0) }
        lines.append("the secure channel is not changed; next: avitui rotate --to \(RotationCommandLine.quote(done.name))")
        Output.out(lines.joined(separator: "\n") + "\n")
    }

    private func makeExecutor(_ client: AviClient) -> RotationExecutor {
        RotationExecutor(client: client, pollInterval: min(2, heartbeatSeconds), heartbeat: heartbeatSeconds,
                         commitWindow: commitWindow ?? client.session.settings.limits.requestTimeout + 10)
    }

    private func resolveTarget(context: RotationContext, material: ImportMaterial?, now: Date) throws -> RotationTarget {
        if let to { return try context.target(named: to) }
        guard let material else { throw ValidationError("give either --to NAME, or --cert PEM and --key PEM") }
        let leafFacts = try CertificateFacts.parseAll(pem: material.certificatePEM, source: material.certificateSource)[0]
        let newName = name ?? CertificateImport.suggestedName(for: CertificateFacts(leafFacts.certificate, der: leafFacts.der),
                                                              now: now, taken: context.existingNames)
        return .importing(try CertificateImport(material, name: newName))
    }

    private func advance(_ flow: inout RotationFlow) throws {
        let step = flow.step
        flow.handle(.next)
        if let notice = flow.notice { throw RotationError.notAllowed(step: step, why: notice + " — nothing was sent") }
    }

    private func show(step: RotationStep, _ lines: [String]) {
        let title = Painter(enabled: Output.useColor).title(RotationText.header(step))
        Output.out("\n" + title + "\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n")
    }

    private func importMaterial() throws -> ImportMaterial? {
        guard let cert, let key else { return nil }
        let keyPEM = try readText(key, what: "key")
        var passphrase: String?
        if PrivateKeyLoader.isEncrypted(keyPEM) {
            if let passphraseFile {
                passphrase = try PasswordFile.read(passphraseFile)
            } else {
                guard TerminalLine.available,
                      let typed = TerminalLine.secret(prompt: "Passphrase for \(key): "), !typed.isEmpty else {
                    throw PrivateKeyError.passphraseRequired(source: key)
                }
                passphrase = typed
            }
        }
        return ImportMaterial(certificatePEM: try readText(cert, what: "certificate"), keyPEM: keyPEM,
                              chainPEM: try chain.map { try readText($0, what: "chain") }, passphrase: passphrase,
                              certificateSource: cert, keySource: key, chainSource: chain ?? "the chain")
    }

    private func readText(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw AviError.invalidConfiguration("the \(what) file \(path) cannot be read — check the path")
        }
        return text
    }
}

/// `avitui rotate`'s exit statuses (avitui(1), EXIT STATUS): what was read back decides them.
enum RotationExit: Int32 {
    /// Applied, read back and verified (or: the CSR was made / completed; --verify-only: healthy).
    case applied = 0
    /// Stopped before anything was changed (refused, stopped by a check, or read back as not applied).
    case stopped = 1
    /// Applied, but verification failed and it was not rolled back (--verify-only: not healthy).
    case verificationFailed = 3
    /// Applied, verification failed, and the rollback put the previous certificate back (verified).
    case rolledBack = 4
    /// Neither the read-back nor the controller could say whether the change (or its rollback) applied.
    case unknown = 5
}

/// Step 7's progress on stdout: a line when the authenticated count moves, else every 10 s.
private final class ProgressTicker: @unchecked Sendable {
    private let lock = NSLock()
    private var last: MappingProgress?

    func report(_ progress: MappingProgress) {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.authenticated == progress.authenticated, progress.elapsed - last.elapsed < 10 { return }
        last = progress
        Output.out("  \(progress.summary)\n")
    }
}

/// Typed confirmations read from the terminal itself, never from a pipe.
private enum TypedConfirmation {
    static func ask(_ prompt: String) throws -> String {
        guard let typed = TerminalLine.read(prompt: prompt, echo: true) else { throw RotationError.notInteractive(what: "the confirmation") }
        return typed
    }
}

extension RotateCommand {
    /// While the change is in flight, Ctrl-C is noted instead of killing the process: the apply is
    /// reconciled and recorded whatever happens, and the mapping watch ends early.
    static func interruptWatch() -> SignalNotice {
        SignalNotice([SIGINT]) { _ in
            Output.err("\navitui: Ctrl-C — a write on its way is finished and read back, nothing new is sent, and the audit record is written before avitui ends\n")
        }
    }
}
