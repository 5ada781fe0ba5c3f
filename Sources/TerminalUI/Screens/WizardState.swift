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
    /// Step 5: the full request bodies are shown (b); the diff always comes first.
    public var showBodies = false
    /// Step 8 after a failed verification: r opened the typed confirmation of the rollback.
    public var confirmingRollback = false
    /// The rollback's result, once it ran.
    public var rollback: RollbackRun?
    public var rollbackAuditPath: String?
    public var rollbackAuditError: String?
    /// Step 1: v ran "verify only" (no change); its result.
    public var verifyOnly: ChannelVerification?
    /// Step 2: the candidates, computed once per context (not per key), best first.
    public var candidateList: [RotationCandidate] = []
    /// Step 2: the search typed after `/` (matched against name, subject, issuer, used by).
    public var search = ""
    public var searching = false
    /// Step 2: the CSR forms (make one on the controller; complete a pending one).
    public var signingForm: WizardSigningForm?
    /// Step 2: what the last CSR action produced, shown above the list.
    public var signingNote: [String] = []

    public init() {}

    public var step: RotationStep { flow?.step ?? .current }
    public var isClosed: Bool { if case .closed = phase { return true } else { return false } }

    /// Rows of step 2 before the candidates: the ways to get a new certificate come first.
    public enum ExtraRow: Int, CaseIterable, Sendable { case importFiles, signingRequest, returnToDefault }

    /// The candidates shown at step 2: the cached list narrowed by the search.
    public func candidates(now: Date) -> [RotationCandidate] {
        let query = search.trimmingCharacters(in: .whitespaces).lowercased()
        guard !query.isEmpty else { return candidateList }
        return candidateList.filter { $0.searchText.contains(query) }
    }

    /// Step 8 offers the rollback: verification failed after a change that may be in place.
    public var rollbackOffered: Bool {
        guard let flow, flow.isFinished, rollback == nil, let report = flow.verification else { return false }
        return !report.passed && flow.outcome?.configurationMayHaveChanged == true
    }

    /// Why "return to the default" cannot be chosen now; nil when it can.
    public var returnToDefaultProblem: String? {
        guard let context = flow?.context else { return nil }
        guard let systemDefault = context.systemDefault else { return "this controller has no \(RotationContext.defaultCertificateName)" }
        if context.usesImplicitDefault || context.current?.uuid == systemDefault.uuid { return "already in use by the secure channel" }
        return nil
    }
}

/// Step 2's CSR forms: make a CSR on the controller, or complete a pending one with the signed certificate.
public struct WizardSigningForm: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case create, complete(name: String) }
    public enum Field: Int, CaseIterable, Sendable { case first, second, third }
    public var kind: Kind
    public var values: [Field: String] = [:]
    public var focus: Field = .first

    public init(kind: Kind) { self.kind = kind }

    public var fields: [Field] { kind == .create ? [.first, .second, .third] : [.first, .second] }

    public func label(_ field: Field) -> String {
        switch (kind, field) {
        case (.create, .first): return "new object name"
        case (.create, .second): return "subject (CN=…, O=…, C=…)"
        case (.create, .third): return "save the CSR to (optional)"
        case (.complete, .first): return "CA-signed certificate PEM file"
        case (.complete, .second): return "chain PEM file (optional)"
        case (.complete, .third): return ""
        }
    }

    public subscript(field: Field) -> String {
        get { values[field] ?? "" }
        set { values[field] = newValue }
    }
}

/// The I/O the wizard asks its host to do; results come back as `RotationWizardResult`.
public enum RotationWizardCommand: Sendable {
    case load
    case readImport(WizardImportForm)
    case apply(RotationPlan)
    case verify(ApplyOutcome, RotationPlan)
    case writeAudit(AuditEntry)
    case rollback(RotationPlan, appliedRef: String?)
    case writeRollbackAudit(AuditEntry)
    case verifyOnly
    case createSigningRequest(name: String, subject: String, saveTo: String)
    case completeSigningRequest(name: String, certificatePath: String, chainPath: String)
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
    case rolledBack(RollbackRun)
    case rollbackAudited(path: String, error: String?)
    case verifiedOnly(ChannelVerification)
    case verifyOnlyFailed(String)
    /// A CSR action ended: lines to show, and the context read again (a new or completed object).
    case signing(lines: [String], context: RotationContext?)
}
