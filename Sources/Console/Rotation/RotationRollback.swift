import AviAPI
import Foundation

/// The rollback of a change whose verification failed: planned at step 5 (the previous
/// certificate), offered at step 8 (one key and the typed cluster name in the wizard,
/// `--rollback-on-failure` for scripts). It goes through the same guard, `_last_modified` and
/// read-back rules as the change, is verified the same way, and is audited as its own entry.
public struct RollbackRun: Sendable {
    /// The fresh reading the rollback was planned on; nil when it could not be read.
    public let context: RotationContext?
    public let plan: RotationPlan?
    public let outcome: ApplyOutcome
    public let verification: VerificationReport?
    /// Said to the operator before the result (an expired previous certificate, say).
    public let notes: [String]

    /// Nil when nothing was sent (so there is nothing to audit).
    public var auditEntry: AuditEntry? {
        guard let context, let plan, outcome.anyWriteSent else { return nil }
        return AuditEntry(context: context, plan: plan, outcome: outcome, verification: verification, time: outcome.finishedAt)
    }

    /// The previous certificate is back and the judged mappings came back with it.
    public var restored: Bool { outcome.succeeded && verification?.passed == true }

    /// Sent and read back, but its watch was stopped before the mappings were judged: whether
    /// they came back is unknown (not "failed").
    public var watchStopped: Bool { outcome.succeeded && verification?.mappings.end == .interrupted }
}

extension RotationExecutor {
    /// Points the secure channel back at what `original` replaced, from a fresh reading.
    /// Stops (sending nothing) when the configuration no longer refers to what `original` wrote:
    /// someone else changed it since, and a rollback would overwrite their change.
    public func rollback(_ original: RotationPlan, appliedRef: String?, settleTimeout: TimeInterval,
                         shouldStop: @Sendable () -> Bool = { false },
                         progress: @Sendable (MappingProgress) -> Void = { _ in }) async -> RollbackRun {
        func stopped(_ reason: String, context: RotationContext? = nil) -> RollbackRun {
            RollbackRun(context: context, plan: nil,
                        outcome: ApplyOutcome(result: .stoppedBeforeChange(reason: reason), createdObjects: [], newRef: nil,
                                              configurationAfter: nil, defaultBaseline: nil, writesSent: 0, finishedAt: clock.now()),
                        verification: nil, notes: [])
        }
        let context: RotationContext
        do {
            context = try await loadContext()
        } catch {
            return stopped("the configuration could not be read for the rollback (\((error as? AviError)?.description ?? "\(error)")); nothing was sent")
        }
        let now = context.currentRefs.map { $0.uuid ?? $0.raw }
        if let appliedRef, now != [AviRef(appliedRef).uuid ?? appliedRef] {
            let names = now.isEmpty ? "the default (empty list)" : context.currentName
            return stopped("the secure channel now refers to \(names), not to \(original.afterName): it changed since; nothing was rolled back", context: context)
        }
        let target: RotationTarget
        let previousUUIDs = original.beforeRefs.compactMap(\.uuid)
        if original.beforeRefs.isEmpty || previousUUIDs.first == context.systemDefault?.uuid {
            guard let systemDefault = context.systemDefault else {
                return stopped("\(RotationContext.defaultCertificateName) is not on the controller; nothing was sent", context: context)
            }
            target = .systemDefault(systemDefault)
        } else if let previous = context.certificates.first(where: { $0.uuid == previousUUIDs.first || $0.name == original.beforeName }) {
            target = .existing(previous)
        } else {
            return stopped("the previous certificate \(original.beforeName) is no longer on the controller; nothing was sent", context: context)
        }
        var notes: [String] = []
        if case let .existing(certificate) = target, let days = certificate.daysLeft(now: clock.now()), days < 0 {
            notes.append("the previous certificate \(SafeText.sanitize(certificate.name)) EXPIRED \(RotationText.ago(certificate, now: clock.now())): the rollback restores an expired certificate")
        }
        let plan = RotationPlan(context: context, target: target, overrideConfirmed: original.overridesFailedChecks,
                                kind: .rollback, judging: original.authenticatedMappingsBefore, now: clock.now())
        if !context.mustChecks.allPassed, !original.overridesFailedChecks {
            return RollbackRun(context: context, plan: nil,
                               outcome: ApplyOutcome(result: .stoppedBeforeChange(reason: "must-checks fail now (\(context.mustChecks.failed.map(\.check.rawValue).joined(separator: ", "))) and the change was made without the override; run the rollback command by hand"),
                                                     createdObjects: [], newRef: nil, configurationAfter: nil, defaultBaseline: nil,
                                                     writesSent: 0, finishedAt: clock.now()),
                               verification: nil, notes: notes)
        }
        // Stopped (Ctrl-C) while the fresh reading was taken: nothing more is written after that.
        if shouldStop() {
            return RollbackRun(context: context, plan: nil,
                               outcome: ApplyOutcome(result: .stoppedBeforeChange(reason: "the operator stopped it before the rollback was sent; nothing was rolled back"),
                                                     createdObjects: [], newRef: nil, configurationAfter: nil, defaultBaseline: nil,
                                                     writesSent: 0, finishedAt: clock.now()),
                               verification: nil, notes: notes)
        }
        let outcome = await apply(plan)
        var verification: VerificationReport?
        if outcome.configurationMayHaveChanged {
            verification = await verify(outcome, plan: plan, settleTimeout: settleTimeout, shouldStop: shouldStop, progress: progress)
        }
        return RollbackRun(context: context, plan: plan, outcome: outcome, verification: verification, notes: notes)
    }
}
