import AviAPI
import Foundation

/// One API call of the plan, exactly as it will be sent, secrets masked.
public struct PlannedCall: Sendable {
    public let method: HTTPMethod
    public let path: String
    /// Masked (`<sensitive>`); nil for reads.
    public let maskedBody: JSONValue?
    public let purpose: String

    public var isWrite: Bool { method != .get }
}

/// Step 5: what will be sent, and the secure channel before and after.
///
/// Returning to the default writes the explicit ref of `System-Default-Secure-Channel-Cert`
/// rather than an empty list. Both mean "the default" (REFERENCE.md §3.5), but the explicit ref is
/// what a freshly installed controller holds, it is what the read-back can verify (an empty list
/// only says "whatever the controller falls back to"), and it keeps `--to PREVIOUS` symmetric.
/// The default object itself is only referred to: no request ever addresses it for writing.
public struct RotationPlan: Sendable {
    public static let newObjectPlaceholder = "<uuid of the new object>"

    public let target: RotationTarget
    public let base: SystemConfiguration
    public let beforeRefs: [AviRef]
    public let beforeName: String
    public let afterName: String
    /// `/api/sslkeyandcertificate/<uuid>`; nil for an import until the object exists.
    public let afterRef: String?
    /// The value sent for `bypass_secure_channel_must_checks`; nil when the release has no such field.
    public let bypassFlag: Bool?
    public let overridesFailedChecks: Bool
    public let calls: [PlannedCall]
    /// The uuid of `System-Default-Secure-Channel-Cert`, read before and after to prove it unchanged.
    public let defaultUUID: String?
    /// The controller address, for the rollback command line.
    public let controller: String
    /// The mappings authenticated before the change (read with the context): step 7 judges these.
    public let authenticatedMappingsBefore: Set<String>?
    /// A change, or the rollback of one (audited as its own entry).
    public let kind: Kind
    /// SE names by uuid, to name peers in step 7.
    public let peerNames: [String: String]
    /// How a command line reaches this controller again (everything but the password).
    public let connection: RotationCommandLine.Connection
    /// What undoes this change, planned here and shown at step 5: the previous certificate, and
    /// what is known about it now (expired or not).
    public let rollbackNotes: [String]

    public enum Kind: String, Sendable { case change, rollback }

    /// `judging`: for a rollback, the mappings authenticated before the change it undoes (those
    /// authenticated now are only the ones that survived it).
    public init(context: RotationContext, target: RotationTarget, overrideConfirmed: Bool, kind: Kind = .change,
                judging: Set<String>? = nil, now: Date? = nil) {
        self.target = target
        self.kind = kind
        self.base = context.configuration
        self.beforeRefs = context.currentRefs
        self.beforeName = context.currentName
        self.afterName = target.name
        self.defaultUUID = context.systemDefault?.uuid
        self.controller = context.controller
        self.authenticatedMappingsBefore = judging ?? context.authenticatedMappings
        self.peerNames = context.peerNames
        self.connection = context.commandLine
        var notes: [String] = []
        if let previous = context.current, let days = previous.daysLeft(now: now ?? context.readAt) {
            if days < 0 {
                notes.append("the previous certificate \(SafeText.sanitize(previous.name)) EXPIRED \(RotationText.ago(previous, now: now ?? context.readAt)): rolling back restores an expired certificate")
            } else if days < LocalValidation.criticalDays {
                notes.append("the previous certificate \(SafeText.sanitize(previous.name)) expires in \(days) days")
            }
        }
        self.rollbackNotes = notes
        switch target {
        case let .existing(certificate), let .systemDefault(certificate): afterRef = "/api/sslkeyandcertificate/\(certificate.uuid)"
        case .importing: afterRef = nil
        }
        let overriding = overrideConfirmed && !context.mustChecks.allPassed
        overridesFailedChecks = overriding
        // When the field exists it is always sent explicitly, so a flag left true by someone else
        // never silently bypasses the checks of a change that did not ask for it.
        bypassFlag = context.configuration.hasBypassFlag ? overriding : nil

        let config = "/api/systemconfiguration"
        var calls: [PlannedCall] = []
        if let defaultUUID = context.systemDefault?.uuid {
            calls.append(PlannedCall(method: .get, path: "/api/sslkeyandcertificate/\(defaultUUID)", maskedBody: nil,
                                     purpose: "keep a copy of \(RotationContext.defaultCertificateName) to prove afterwards it is unchanged"))
        }
        if case let .importing(material) = target {
            calls.append(PlannedCall(method: .get, path: "/api/sslkeyandcertificate?name=\(material.name)", maskedBody: nil,
                                     purpose: "make sure no object named \(material.name) appeared since (never overwritten)"))
            for chain in material.chainRequestBodies() {
                calls.append(PlannedCall(method: .post, path: "/api/sslkeyandcertificate", maskedBody: RotationPlan.mask(chain.body),
                                         purpose: "create CA certificate \(chain.name) for the chain"))
            }
            calls.append(PlannedCall(method: .post, path: "/api/sslkeyandcertificate", maskedBody: RotationPlan.mask(material.requestBody),
                                     purpose: "create \(material.name) (a new object)"))
        }
        let afterConfig = Self.configuration(base: base, ref: afterRef ?? Self.newObjectPlaceholder, bypassFlag: bypassFlag)
        calls.append(PlannedCall(method: .put, path: config, maskedBody: RotationPlan.mask(afterConfig.raw),
                                 purpose: "point the secure channel at \(target.name), carrying _last_modified \(base.lastModified ?? "?") so a concurrent change fails (412) instead of being overwritten"))
        calls.append(PlannedCall(method: .get, path: config, maskedBody: nil, purpose: "read the configuration back"))
        calls.append(PlannedCall(method: .get, path: "/api/securechannelmapping", maskedBody: nil,
                                 purpose: "watch the secure-channel mappings until those authenticated before the change settle"))
        if let defaultUUID = context.systemDefault?.uuid {
            calls.append(PlannedCall(method: .get, path: "/api/sslkeyandcertificate/\(defaultUUID)", maskedBody: nil,
                                     purpose: "compare \(RotationContext.defaultCertificateName) with the copy"))
        }
        self.calls = calls
    }

    /// The body of the PUT once the new object's ref is known.
    public func configuration(pointingAt ref: String) -> SystemConfiguration {
        Self.configuration(base: base, ref: ref, bypassFlag: bypassFlag)
    }

    static func configuration(base: SystemConfiguration, ref: String, bypassFlag: Bool?) -> SystemConfiguration {
        base.withSecureChannel(ref: ref, bypassMustChecks: bypassFlag)
    }

    public var writes: [PlannedCall] { calls.filter(\.isWrite) }

    /// The changed fields of the PUT, as `path: before → after` lines.
    public var changes: [String] {
        var lines = ["secure_channel_configuration.sslkeyandcertificate_refs: "
                     + Self.refsText(beforeRefs.map(\.raw), names: [beforeName]) + " → "
                     + Self.refsText([afterRef ?? Self.newObjectPlaceholder], names: [afterName])]
        if let bypassFlag {
            let before = base.raw["secure_channel_configuration"]?["bypass_secure_channel_must_checks"]?.boolValue ?? false
            lines.append("secure_channel_configuration.bypass_secure_channel_must_checks: \(before) → \(bypassFlag)")
        }
        return lines
    }

    static func refsText(_ refs: [String], names: [String]) -> String {
        if refs.isEmpty { return "[] (the system default)" }
        return "[" + refs.joined(separator: ", ") + "] (" + names.joined(separator: ", ") + ")"
    }

    /// `avitui rotate --to PREVIOUS`: what undoes this change.
    public var rollbackTarget: String { beforeRefs.isEmpty ? RotationContext.defaultCertificateName : beforeName }

    /// Secrets replaced by `<sensitive>`, as the controller itself shows them.
    public static func mask(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(object):
            var out: [String: JSONValue] = [:]
            for (key, item) in object {
                if isSecret(key), case let .string(text) = item, !text.isEmpty { out[key] = .string("<sensitive>") } else { out[key] = mask(item) }
            }
            return .object(out)
        case let .array(items): return .array(items.map(mask))
        default: return value
        }
    }

    static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower == "key" || lower.contains("password") || lower.contains("passphrase") || lower.contains("secret")
            || lower.contains("token") || lower.hasSuffix("_key")
    }
}
