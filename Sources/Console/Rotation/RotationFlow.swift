import AviAPI
import Foundation

/// What the operator (or the executor) tells the workflow.
public enum RotationEvent: Sendable {
    /// Go on to the next step (steps 1, 3, 4 and 5).
    case next
    /// One step back; refused once the change was sent.
    case back
    /// Leave before applying: nothing was sent.
    case cancel
    /// Step 2: the chosen target (import already read; validation happens here).
    case choose(RotationTarget)
    /// Step 4: the operator typed the override phrase after the must-checks failed.
    case overrideMustChecks(typed: String)
    /// Step 6: the operator typed the cluster name.
    case confirm(typed: String)
    case applied(ApplyOutcome)
    case verified(VerificationReport)
    case audited(error: String?)
}

/// What the workflow asks its host to do; it never does I/O itself.
public enum RotationEffect: Sendable {
    case apply(RotationPlan)
    case verify(ApplyOutcome)
    case writeAudit(AuditEntry)
    /// A dry run ends after the plan: nothing was sent.
    case finishedDryRun
    case cancelled
    case finished
}

/// The rotation as a pure state machine (the Elm shape of DESIGN.md): the wizard and
/// `avitui rotate` drive the same one, so both follow the same rules — nothing is sent
/// before step 6's typed confirmation, a failed must-check stops unless overridden with a
/// typed phrase, and there is no going back once the change was sent.
public struct RotationFlow: Sendable {
    /// Typed at step 4 to go on although must-checks failed.
    public static let overridePhrase = "override"

    public let context: RotationContext
    public let dryRun: Bool
    public let now: Date
    public private(set) var step: RotationStep = .current
    public private(set) var target: RotationTarget?
    public private(set) var validation: ValidationReport?
    public private(set) var overrideConfirmed = false
    public private(set) var plan: RotationPlan?
    public private(set) var outcome: ApplyOutcome?
    public private(set) var verification: VerificationReport?
    public private(set) var auditError: String?
    /// Why the last event did not move the workflow on (shown to the operator).
    public private(set) var notice: String?
    public private(set) var isFinished = false
    public private(set) var isCancelled = false
    /// A dry run went past failed must-checks to show the plan: the real run would stop at step 4
    /// (without the override), and the plan shown is the one the override would send.
    public private(set) var dryRunPassedFailedChecks = false
    /// True from the moment the apply effect was handed out: no way back from there.
    public private(set) var changeSent = false

    public init(context: RotationContext, now: Date, dryRun: Bool) {
        self.context = context
        self.now = now
        self.dryRun = dryRun
    }

    /// Refuses a read-only session up front, with the reason, before any step is shown.
    public static func start(context: RotationContext, now: Date, dryRun: Bool) throws -> RotationFlow {
        if let reason = context.readOnlyReason { throw RotationError.readOnly(reason: reason) }
        if !context.configuration.hasSecureChannelConfiguration {
            throw RotationError.noSecureChannelConfiguration(version: context.controllerVersion)
        }
        return RotationFlow(context: context, now: now, dryRun: dryRun)
    }

    public var canGoBack: Bool { !changeSent && !isFinished && !isCancelled && step > .current }

    @discardableResult
    public mutating func handle(_ event: RotationEvent) -> RotationEffect? {
        notice = nil
        guard !isFinished, !isCancelled else { return nil }
        switch event {
        case .cancel:
            guard !changeSent else {
                notice = "the change was already sent; it is being verified and recorded"
                return nil
            }
            isCancelled = true
            return .cancelled
        case .back:
            guard canGoBack, let previous = RotationStep(rawValue: step.rawValue - 1) else {
                notice = changeSent ? "the change was sent; there is no going back — roll back with the command shown at the end" : nil
                return nil
            }
            if step == .mustChecks { overrideConfirmed = false }
            if step == .plan { dryRunPassedFailedChecks = false }
            step = previous
            return nil
        case .next:
            return next()
        case let .choose(target):
            guard step == .choose else { return refuse("choose a certificate at step 2") }
            self.target = target
            validation = Self.validate(target, context: context, now: now)
            plan = nil
            overrideConfirmed = false
            step = .validate
            return nil
        case let .overrideMustChecks(typed):
            guard step == .mustChecks else { return refuse("the override belongs to step 4") }
            guard !context.mustChecks.allPassed else { return refuse("every must-check passed; there is nothing to override") }
            guard typed == Self.overridePhrase else {
                return refuse("type '\(Self.overridePhrase)' to go on although must-checks failed; anything else stops here")
            }
            overrideConfirmed = true
            return nil
        case let .confirm(typed):
            guard step == .confirm, let plan else { return refuse("confirm at step 6, after the plan") }
            guard typed == context.clusterName else {
                return refuse("'\(SafeText.sanitize(typed))' is not the cluster name '\(SafeText.sanitize(context.clusterName))' — nothing was sent")
            }
            changeSent = true
            return .apply(plan)
        case let .applied(outcome):
            guard changeSent, self.outcome == nil else { return nil }
            self.outcome = outcome
            step = .verify
            if outcome.configurationMayHaveChanged { return .verify(outcome) }
            return auditIfWritten()
        case let .verified(report):
            guard outcome != nil, verification == nil else { return nil }
            verification = report
            return auditIfWritten()
        case let .audited(error):
            auditError = error
            isFinished = true
            return .finished
        }
    }

    private mutating func next() -> RotationEffect? {
        switch step {
        case .current:
            step = .choose
            return nil
        case .choose:
            return refuse("choose a certificate, or import one")
        case .validate:
            guard let validation, validation.passed else {
                return refuse("local validation failed: " + (validation?.failures.map { "\($0.check): \($0.detail)" }.joined(separator: "; ") ?? "nothing chosen"))
            }
            step = .mustChecks
            return nil
        case .mustChecks:
            guard let target else { return refuse("choose a certificate first") }
            if dryRun, !context.mustChecks.allPassed, !overrideConfirmed {
                // Nothing can be sent from a dry run, so it shows the plan the override would send.
                dryRunPassedFailedChecks = true
                plan = RotationPlan(context: context, target: target, overrideConfirmed: true)
                step = .plan
                return nil
            }
            guard context.mustChecks.allPassed || overrideConfirmed else {
                return refuse("must-checks failed (\(context.mustChecks.failed.map(\.check.rawValue).joined(separator: ", "))) — stopping is the safe default; going on needs the override")
            }
            plan = RotationPlan(context: context, target: target, overrideConfirmed: overrideConfirmed)
            step = .plan
            return nil
        case .plan:
            if dryRun {
                isFinished = true
                return .finishedDryRun
            }
            step = .confirm
            return nil
        case .confirm:
            return refuse("type the cluster name '\(SafeText.sanitize(context.clusterName))' to apply")
        case .verify, .audit:
            return nil
        }
    }

    private mutating func auditIfWritten() -> RotationEffect? {
        step = .audit
        guard let plan, let outcome, outcome.anyWriteSent else {
            isFinished = true
            return .finished
        }
        return .writeAudit(AuditEntry(context: context, plan: plan, outcome: outcome, verification: verification, time: outcome.finishedAt))
    }

    private mutating func refuse(_ why: String) -> RotationEffect? {
        notice = why
        return nil
    }

    static func validate(_ target: RotationTarget, context: RotationContext, now: Date) -> ValidationReport {
        switch target {
        case let .importing(material):
            var report = LocalValidation.validate(material, now: now, existingNames: context.existingNames)
            if material.chain.isEmpty, !material.leaf.selfSigned, !context.holdsIssuer(material.leaf.issuer) {
                report = ValidationReport(items: report.items + [.init(check: "issuer", level: .warning,
                    detail: "\(material.leaf.issuer) is not on the controller and no chain was given — the SEs may not be able to verify the certificate; add the chain")],
                                          fingerprint: report.fingerprint)
            }
            guard context.controllerIdentityVerified else {
                // A private key goes only to a controller whose identity was checked.
                return ValidationReport(items: report.items + [.init(check: "controller identity", level: .failure,
                    detail: "not verified (--insecure): a private key is sent only to a controller verified with --ca-file or --pin")],
                                        fingerprint: report.fingerprint)
            }
            return report
        case let .existing(certificate):
            return LocalValidation.validate(existing: certificate, inUseUUID: context.current?.uuid, now: now)
        case let .systemDefault(certificate):
            // The rollback target: the default is never a candidate, but returning to it is allowed.
            var items: [ValidationItem] = []
            if !context.usesImplicitDefault, context.current?.uuid == certificate.uuid {
                items.append(.init(check: "usable", level: .failure, detail: "the secure channel already uses the default"))
            } else if context.usesImplicitDefault {
                items.append(.init(check: "usable", level: .failure, detail: "the secure channel already uses the default (an empty list)"))
            }
            items.append(.init(check: "default", level: .info,
                               detail: "returning to \(certificate.name): the object is referred to, never written"))
            if let days = certificate.daysLeft(now: now) {
                items.append(.init(check: "days left", level: days < 0 ? .failure : (days < LocalValidation.warningDays ? .warning : .pass), detail: "\(days)"))
            }
            return ValidationReport(items: items, fingerprint: nil)
        }
    }
}
