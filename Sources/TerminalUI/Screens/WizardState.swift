import AviAPI
import Console
import Foundation

/// The import form of wizard step 2: paths typed by the operator, and a passphrase that is
/// only ever drawn as stars.
public struct WizardImportForm: Sendable, Equatable {
    public enum Field: Int, CaseIterable, Sendable {
        case certificate, key, chain, name, passphrase
        public var label: String {
            switch self {
            case .certificate: return "certificate PEM file"
            case .key: return "private key PEM file"
            case .chain: return "chain PEM file (optional)"
            case .name: return "new object name (optional)"
            case .passphrase: return "key passphrase (if encrypted)"
            }
        }
    }
    public var values: [Field: String] = [:]
    public var focus: Field = .certificate

    public init() {}

    public subscript(field: Field) -> String {
        get { values[field] ?? "" }
        set { values[field] = newValue }
    }
}

/// Everything the wizard shows, apart from the workflow itself (`RotationFlow`), which it wraps.
/// Pure data: `RotationWizardUpdate` changes it, `RotationWizardView` draws it.
public struct RotationWizardState: Sendable {
    public enum Phase: Sendable {
        /// Reading the configuration, certificates and must-check inputs.
        case loading
        /// The wizard cannot start (read-only, or the controller could not be read).
        case unavailable(String)
        case running
        case closed
    }

    public var phase: Phase = .loading
    public var flow: RotationFlow?
    /// Step 2: the highlighted row (candidates, then the import and default rows).
    public var selection = 0
    /// Step 2: the import form is open.
    public var importing = false
    public var form = WizardImportForm()
    /// Step 4: `o` opened the override prompt (after failed must-checks).
    public var overriding = false
    /// Steps 4 and 6: what the operator typed.
    public var input = ""
    /// Step 5: the first plan line shown.
    public var scroll = 0
    /// Work in progress ("applying…"); keys other than scrolling wait for it.
    public var busy: String?
    /// One line for the operator: why a key did nothing, or what failed.
    public var message: String?
    /// Step 7: where the mapping watch stands (updated by the host while it runs).
    public var watchProgress: MappingProgress?
    /// Step 7: Esc asked to stop watching the mappings (the change stays applied).
    public var stopWatching = false
    public var auditPath: String?
    public var auditError: String?

    public init() {}

    public var step: RotationStep { flow?.step ?? .current }
    public var isClosed: Bool { if case .closed = phase { return true } else { return false } }

    /// Rows of step 2 after the candidates.
    public enum ExtraRow: Int, CaseIterable, Sendable { case importFiles, returnToDefault }

    public func candidates(now: Date) -> [RotationCandidate] { flow?.context.candidates(now: now) ?? [] }

    /// Why "return to the default" cannot be chosen now; nil when it can.
    public var returnToDefaultProblem: String? {
        guard let context = flow?.context else { return nil }
        guard let systemDefault = context.systemDefault else { return "this controller has no \(RotationContext.defaultCertificateName)" }
        if context.usesImplicitDefault || context.current?.uuid == systemDefault.uuid { return "already in use by the secure channel" }
        return nil
    }
}

/// The I/O the wizard asks its host to do; results come back as `RotationWizardResult`.
public enum RotationWizardCommand: Sendable {
    case load
    case readImport(WizardImportForm)
    case apply(RotationPlan)
    case verify(ApplyOutcome, RotationPlan)
    case writeAudit(AuditEntry)
    case close
}

/// What the host's I/O produced.
public enum RotationWizardResult: Sendable {
    case loaded(RotationContext)
    case loadFailed(String)
    case importRead(CertificateImport)
    case importFailed(String)
    case applied(ApplyOutcome)
    case verified(VerificationReport)
    case audited(path: String, error: String?)
}
