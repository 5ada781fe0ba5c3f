import AviAPI
import Foundation

/// One line of `$XDG_STATE_HOME/avitui/audit.jsonl`: who changed what, how it ended, and how
/// to undo it. It never holds a secret (no key, passphrase, password or cookie).
public struct AuditEntry: Codable, Sendable {
    public struct Certificate: Codable, Sendable {
        public let name: String
        public let refs: [String]
    }
    public struct Check: Codable, Sendable {
        public let check: String
        public let passed: Bool
    }
    public struct Verification: Codable, Sendable {
        public let pointsAtTarget: Bool?
        public let mappings: String
        public let defaultUnchanged: Bool?
        enum CodingKeys: String, CodingKey {
            case pointsAtTarget = "points_at_target", mappings, defaultUnchanged = "default_certificate_unchanged"
        }
    }

    public let time: String
    public let action: String
    public let controller: String
    public let cluster: String
    public let controllerVersion: String?
    public let user: String
    public let from: Certificate
    public let to: Certificate
    public let importedSHA256: String?
    public let createdObjects: [CreatedObject]
    public let mustChecks: [Check]
    public let overrideUsed: Bool
    public let bypassFlagSent: Bool?
    public let outcome: String
    public let detail: String
    public let verification: Verification?
    public let rollbackCommand: String

    enum CodingKeys: String, CodingKey {
        case time, action, controller, cluster, controllerVersion = "controller_version", user, from, to
        case importedSHA256 = "imported_sha256", createdObjects = "created_objects", mustChecks = "must_checks"
        case overrideUsed = "override_used", bypassFlagSent = "bypass_flag_sent", outcome, detail, verification
        case rollbackCommand = "rollback_command"
    }

    public init(context: RotationContext, plan: RotationPlan, outcome: ApplyOutcome, verification: VerificationReport?, time: Date) {
        self.time = AviDate.rfc3339(time)
        if plan.kind == .rollback {
            action = "rollback_after_failed_verification"
        } else if case .systemDefault = plan.target {
            action = "rollback_to_default"
        } else {
            action = "rotate"
        }
        controller = context.controller
        cluster = context.clusterName
        controllerVersion = context.controllerVersion
        user = context.user
        from = Certificate(name: plan.beforeName, refs: plan.beforeRefs.map(\.raw))
        to = Certificate(name: plan.afterName, refs: [outcome.newRef ?? plan.afterRef].compactMap { $0 })
        if case let .importing(material) = plan.target { importedSHA256 = material.leaf.sha256Fingerprint } else { importedSHA256 = nil }
        createdObjects = outcome.createdObjects
        mustChecks = context.mustChecks.results.map { Check(check: $0.check.rawValue, passed: $0.passed) }
        overrideUsed = plan.overridesFailedChecks
        bypassFlagSent = plan.bypassFlag
        self.outcome = outcome.code
        detail = outcome.summary
        self.verification = verification.map {
            Verification(pointsAtTarget: $0.pointsAtTarget, mappings: $0.mappings.summary, defaultUnchanged: $0.defaultUnchanged)
        }
        // Undo what is now true: after a change, go back to what was there; otherwise nothing to undo.
        rollbackCommand = outcome.configurationMayHaveChanged
            ? RotationCommandLine.rollback(plan) : ""
    }
}

/// Appends audit entries: the folder is created 0700, the file 0600, one JSON object per line.
public struct AuditLog: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }
    public init(paths: XDGPaths) { self.url = paths.auditLog }

    public func append(_ entry: AuditEntry) throws {
        let directory = url.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(0x0A)
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AuditLogError.cannotOpen(path: url.path, errno: errno) }
        defer { close(fd) }
        // An older file created with wider access is narrowed too.
        guard fchmod(fd, 0o600) == 0 else { throw AuditLogError.cannotOpen(path: url.path, errno: errno) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw AuditLogError.cannotWrite(path: url.path, errno: errno) }
    }
}

public enum AuditLogError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, errno: Int32)
    case cannotWrite(path: String, errno: Int32)

    public var description: String {
        switch self {
        case let .cannotOpen(path, code): return "cannot open the audit log \(path): \(String(cString: strerror(code)))"
        case let .cannotWrite(path, code): return "cannot write the audit log \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// The `avitui rotate` command lines the workflow shows, shell-quoted. They run as printed:
/// they carry how to reach and trust the controller and who logs in — everything but the password,
/// which comes from `AVI_PASSWORD`, `--password-file` or the prompt as always.
public enum RotationCommandLine {
    /// The connection options of a command line.
    public struct Connection: Sendable, Equatable {
        public var controllers: [String]
        public var username: String?
        public var tenant: String?
        public var apiVersion: String?
        public var caFile: String?
        public var pins: [String]
        public var insecure: Bool

        public init(controller: String, username: String? = nil, tenant: String? = nil, apiVersion: String? = nil,
                    caFile: String? = nil, pins: [String] = [], insecure: Bool = false) {
            self.controllers = [controller]
            self.username = username
            self.tenant = tenant
            self.apiVersion = apiVersion
            self.caFile = caFile
            self.pins = pins
            self.insecure = insecure
        }

        /// From the settings this session used; the CA file as an absolute path, so the line runs from anywhere.
        public init(settings: ConnectionSettings) {
            controllers = settings.controllers.map { $0.absoluteString }
            username = settings.username.isEmpty ? nil : settings.username
            tenant = settings.tenant == "admin" ? nil : settings.tenant
            apiVersion = settings.apiVersion
            caFile = settings.trust.caFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            pins = settings.trust.pins
            insecure = settings.trust.insecure
        }

        var arguments: [String] {
            var out = ["--controller", controllers.joined(separator: ",")]
            if let username { out += ["--username", username] }
            if let tenant { out += ["--tenant", tenant] }
            if let apiVersion { out += ["--api-version", apiVersion] }
            if let caFile { out += ["--ca-file", caFile] }
            for pin in pins { out += ["--pin", pin] }
            if insecure { out.append("--insecure") }
            return out
        }
    }

    public static func rotate(to name: String, connection: Connection, overrideChecks: Bool = false) -> String {
        (["avitui", "rotate"] + connection.arguments + ["--to", name] + (overrideChecks ? ["--override-checks"] : []))
            .map(quote).joined(separator: " ")
    }

    public static func rotate(to name: String, controller: String, overrideChecks: Bool = false) -> String {
        rotate(to: name, connection: Connection(controller: controller), overrideChecks: overrideChecks)
    }

    /// What undoes `plan`. A change that needed the override on this cluster needs it back too:
    /// the same must-checks fail for the rollback, which would otherwise stop at step 4.
    public static func rollback(_ plan: RotationPlan) -> String {
        rotate(to: plan.rollbackTarget, connection: plan.connection, overrideChecks: plan.overridesFailedChecks)
    }

    /// The one line that says why the rollback carries `--override-checks`; nil when it does not.
    public static func rollbackOverrideNote(_ plan: RotationPlan) -> String? {
        guard plan.overridesFailedChecks else { return nil }
        return "the rollback includes --override-checks because the must-checks fail on this cluster; it still asks you to type '\(RotationFlow.overridePhrase)'"
    }

    public static func quote(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./:@=,+".unicodeScalars.contains($0) }
        if safe && !text.isEmpty { return text }
        return "'" + SafeText.sanitize(text).replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
