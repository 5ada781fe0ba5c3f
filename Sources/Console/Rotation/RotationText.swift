import AviAPI
import Foundation

/// Each step of the rotation as plain lines, for `avitui rotate` and the wizard's panes.
/// Every controller string passes through `SafeText.sanitize`.
public enum RotationText {
    static let safe = SafeText.sanitize

    public static func header(_ step: RotationStep) -> String { "[\(step.rawValue)/8] \(step.title)" }

    public static func current(_ context: RotationContext, now: Date) -> [String] {
        var lines = ["cluster \(safe(context.clusterName)) at \(safe(context.controller)), version \(safe(context.controllerVersion ?? "?")), user \(safe(context.user))"]
        let refs = context.currentRefs.isEmpty ? "[] — the system default" : context.currentRefs.map { safe($0.raw) }.joined(separator: ", ")
        lines.append("secure_channel_configuration.sslkeyandcertificate_refs: \(refs)")
        if let current = context.current {
            lines.append("in use: \(safe(current.name))  \(expiry(current, now: now))")
            if let subject = current.certificate?.subject?.distinguishedName ?? current.certificate?.subject?.commonName {
                lines.append("subject: \(safe(subject))")
            }
        } else {
            lines.append("in use: \(safe(context.currentName)) (the object could not be found among the certificates)")
        }
        return lines
    }

    /// A duration as people say it: hours under two days, else days.
    public static func remaining(_ seconds: TimeInterval) -> String {
        let hours = Int((abs(seconds) / 3600).rounded(.down))
        if hours < 48 { return hours == 1 ? "1 hour" : "\(hours) hours" }
        let days = hours / 24
        return "\(days) days"
    }

    /// How long ago a certificate expired, in the same words.
    public static func ago(_ certificate: SSLKeyAndCertificate, now: Date) -> String {
        guard let notAfter = certificate.notAfter else { return "at an unknown time" }
        return remaining(now.timeIntervalSince(notAfter)) + " ago"
    }

    public static func expiry(_ certificate: SSLKeyAndCertificate, now: Date) -> String {
        guard let notAfter = certificate.notAfter else { return "expiry unknown" }
        let when = AviDate.rfc3339(notAfter)
        return notAfter < now ? "EXPIRED \(ExpiryText.distance(notAfter.timeIntervalSince(now))) ago (\(when))"
            : "expires \(when), \(ExpiryText.distance(notAfter.timeIntervalSince(now))) left"
    }

    public static func candidates(_ context: RotationContext, now: Date) -> [String] {
        let list = context.candidates(now: now)
        var lines: [String] = []
        let usable = list.filter(\.isUsable)
        lines.append(usable.isEmpty ? "no existing certificate is usable — import one with --cert and --key" : "usable (--to NAME):")
        for candidate in usable {
            let warning = candidate.warnings.isEmpty ? "" : "  ! " + candidate.warnings.joined(separator: "; ")
            lines.append("  \(safe(candidate.name))  \(expiry(candidate.certificate, now: now))  \(candidate.certificate.keyParams?.summary ?? "")\(warning)")
        }
        let unusable = list.filter { !$0.isUsable }
        if !unusable.isEmpty { lines.append("not usable:") }
        for candidate in unusable {
            lines.append("  \(safe(candidate.name)) — \(candidate.problems.joined(separator: "; "))")
        }
        return lines
    }

    /// Step 2 once the target is known (`avitui rotate`): only what was chosen, not every candidate.
    public static func chosen(_ target: RotationTarget, context: RotationContext, now: Date) -> [String] {
        var lines = ["chosen: \(self.target(target))"]
        switch target {
        case let .existing(certificate), let .systemDefault(certificate):
            lines.append("  \(expiry(certificate, now: now))  \(certificate.keyParams?.summary ?? "")")
        case let .importing(material):
            lines.append("  subject \(safe(material.leaf.subject)), expires \(AviDate.rfc3339(material.leaf.notAfter))")
        }
        return lines
    }

    public static func target(_ target: RotationTarget) -> String {
        switch target {
        case let .existing(certificate): return "existing certificate \(safe(certificate.name))"
        case let .systemDefault(certificate): return "back to the default, \(safe(certificate.name))"
        case let .importing(material):
            let chain = material.chain.isEmpty ? "" : " with a chain of \(material.chain.count)"
            return "import as the new object \(safe(material.name)) (\(material.leaf.key)\(chain))"
        }
    }

    public static func validation(_ report: ValidationReport) -> [String] {
        report.items.map { item in
            let mark: String
            switch item.level {
            case .pass: mark = "ok  "
            case .warning: mark = "WARN"
            case .failure: mark = "FAIL"
            case .info: mark = "    "
            }
            return "\(mark) \(item.check): \(safe(item.detail))"
        }
    }

    /// How `avitui rotate` goes on past failed must-checks; the wizard passes its own key.
    public static let cliOverrideHow = "--override-checks and type '\(RotationFlow.overridePhrase)'"

    public static func mustChecks(_ report: MustCheckReport, overrideConfirmed: Bool, overrideHow: String = cliOverrideHow) -> [String] {
        var lines = report.results.map { "\($0.passed ? "pass" : "FAIL") \($0.check.rawValue): \($0.meaning)" }
        if !report.allPassed {
            lines.append(overrideConfirmed
                ? "OVERRIDDEN by the operator: \(report.overrideExplanation)"
                : "stopping is the default. To go on anyway: \(overrideHow) (\(report.overrideExplanation))")
        }
        return lines
    }

    /// `wouldStop`: a dry run past failed must-checks; the plan is what the override would send.
    public static func plan(_ plan: RotationPlan, showBodies: Bool = true, wouldStop: Bool = false) -> [String] {
        var lines = ["before: \(safe(plan.beforeName))" + (plan.beforeRefs.isEmpty ? " (empty list = default)" : " \(plan.beforeRefs.map { safe($0.raw) }.joined(separator: ", "))"),
                     "after:  \(safe(plan.afterName)) \(plan.afterRef ?? RotationPlan.newObjectPlaceholder)"]
        for change in plan.changes { lines.append("change: \(safe(change))") }
        if wouldStop {
            lines.append("must-checks failed: this is what --override-checks would send; without it the run stops at step 4")
        } else if plan.overridesFailedChecks {
            lines.append("must-checks failed and are OVERRIDDEN")
        }
        lines.append("calls:")
        for (index, call) in plan.calls.enumerated() {
            lines.append("  \(index + 1). \(call.method.rawValue) \(safe(call.path)) — \(safe(call.purpose))")
            if showBodies, let body = call.maskedBody {
                lines += PlanBodyText.lines(body, indent: "       ").map(safe)
            }
        }
        lines += rollbackPlan(plan)
        return lines
    }

    /// The rollback, planned at step 5: what it writes, how it is started, and what is known about
    /// the certificate it returns to.
    public static func rollbackPlan(_ plan: RotationPlan) -> [String] {
        guard plan.kind == .change else { return [] }
        let refs = plan.beforeRefs.isEmpty ? "the default (\(RotationContext.defaultCertificateName))" : plan.beforeRefs.map { safe($0.raw) }.joined(separator: ", ")
        var lines = [
            "rollback (planned now; used if step 7 finds mappings that did not come back):",
            "  PUT /api/systemconfiguration — back to \(safe(plan.rollbackTarget)) (\(refs)), from a fresh reading with its own _last_modified; verified the same way and audited as its own entry",
            "  start it: r and the cluster name in the wizard, --rollback-on-failure for scripts, or by hand:",
            "  \(RotationCommandLine.rollback(plan))",
        ]
        if let note = RotationCommandLine.rollbackOverrideNote(plan) { lines.append("  " + note) }
        lines += plan.rollbackNotes.map { "  ! " + $0 }
        return lines
    }

    /// The changed fields, first, as a diff: `- field: before` / `+ field: after`.
    public static func diff(_ plan: RotationPlan) -> [String] {
        var lines: [String] = []
        lines.append("  secure_channel_configuration.sslkeyandcertificate_refs")
        lines.append("-   " + RotationPlan.refsText(plan.beforeRefs.map(\.raw), names: [plan.beforeName]))
        lines.append("+   " + RotationPlan.refsText([plan.afterRef ?? RotationPlan.newObjectPlaceholder], names: [plan.afterName]))
        if let flag = plan.bypassFlag {
            let before = plan.base.raw["secure_channel_configuration"]?["bypass_secure_channel_must_checks"]?.boolValue ?? false
            lines.append("  secure_channel_configuration.bypass_secure_channel_must_checks")
            lines.append("-   \(before)")
            lines.append("+   \(flag)")
        }
        if case let .importing(material) = plan.target {
            lines.append("+ new object \(safe(material.name)) (\(material.leaf.key), expires \(AviDate.rfc3339(material.leaf.notAfter)))"
                         + (material.chain.isEmpty ? "" : " and \(material.chain.count) CA object\(material.chain.count == 1 ? "" : "s") for its chain"))
        }
        return lines.map(safe)
    }

    /// Step 6 repeats, in plain words, every warning of the validation (days left above all).
    public static func confirmWarnings(_ flow: RotationFlow) -> [String] {
        (flow.validation?.warnings ?? []).map { "WARNING \(safe($0.check)): \(safe($0.detail))" }
    }

    /// A failed verification, what it means, and how to undo it.
    public static func rollbackOffer(_ plan: RotationPlan, report: VerificationReport) -> [String] {
        var lines = ["verification FAILED: the change is in place but the secure channel is not healthy"]
        if !report.mappings.failed.isEmpty {
            lines.append("did not come back: " + report.mappings.failed.map(safe).joined(separator: ", "))
        }
        lines.append("roll back to \(safe(plan.rollbackTarget)): \(RotationCommandLine.rollback(plan))")
        lines += plan.rollbackNotes.map { "! " + $0 }
        return lines
    }

    /// The rollback's own result lines.
    public static func rollback(_ run: RollbackRun) -> [String] {
        var lines = run.notes.map { "! " + safe($0) }
        lines += outcome(run.outcome)
        if let report = run.verification { lines += verification(report, target: "the previous certificate") }
        if run.restored {
            lines.append("ok   rolled back: the previous certificate is in place and the mappings came back")
        } else if run.watchStopped, run.verification?.pointsAtTarget == true {
            lines.append("WARN rolled back (read back: the previous certificate is in place), but the watch was stopped: whether the mappings came back is unknown — avitui rotate --verify-only watches them")
        } else {
            lines.append("FAIL the rollback did not restore a healthy secure channel — see above")
        }
        return lines
    }

    public static func outcome(_ outcome: ApplyOutcome) -> [String] {
        var lines = [safe(outcome.summary)]
        for object in outcome.createdObjects { lines.append("created \(safe(object.name)) (\(safe(object.uuid)))") }
        return lines
    }

    /// `target`: what the change pointed the channel at, in words ("the previous certificate" for a rollback).
    public static func verification(_ report: VerificationReport, target: String = "the new certificate") -> [String] {
        let config: String
        switch report.pointsAtTarget {
        case true?: config = "ok   configuration read back: the secure channel refers to \(target)"
        case false?: config = "FAIL configuration read back: refers to \(report.readBackRefs.map(safe).joined(separator: ", ")), not \(target)"
        case nil: config = "FAIL configuration could not be read back"
        }
        let mappings = "\(report.mappings.settledCleanly ? "ok  " : "FAIL") secure-channel mappings \(safe(report.mappings.summary))"
        let defaultLine = "\(report.defaultUnchanged == true ? "ok  " : "FAIL") \(RotationContext.defaultCertificateName): \(safe(report.defaultDetail))"
        return [config, mappings, defaultLine]
    }

    static func pretty(_ value: JSONValue) -> String {
        (try? ReportJSON.text(value)) ?? "?"
    }
}
