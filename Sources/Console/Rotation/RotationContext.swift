import AviAPI
import Foundation

/// Everything the workflow reads before it shows anything (rotation steps 1, 2 and 4),
/// taken in one go so that the plan rests on one consistent reading.
public struct RotationContext: Sendable {
    public static let defaultCertificateName = "System-Default-Secure-Channel-Cert"

    /// As read, with the `_last_modified` the change will carry.
    public let configuration: SystemConfiguration
    public let certificates: [SSLKeyAndCertificate]
    public let systemDefault: SSLKeyAndCertificate?
    public let mustChecks: MustCheckReport
    /// The name typed to confirm the change (the cluster's, else the controller's host).
    public let clusterName: String
    public let controller: String
    public let controllerVersion: String?
    public let user: String
    public let readOnlyReason: String?
    public let readAt: Date
    /// Uuids of the secure-channel mappings authenticated when the context was read; step 7
    /// judges only these. Nil when they could not be read (then every mapping is judged).
    public let authenticatedMappings: Set<String>?
    /// Service Engine names by uuid (a mapping's name is its SE's uuid), to name peers in step 7.
    public let peerNames: [String: String]
    /// False with `--insecure`: the controller's identity was never checked, so no private key is sent to it.
    public let controllerIdentityVerified: Bool
    /// How the rollback command line reaches this controller again (everything but the password).
    public var commandLine: RotationCommandLine.Connection
    /// Who uses each certificate (by uuid): `portal` and virtual service names, for step 2's "used by".
    public var usedBy: [String: [String]] = [:]

    public init(configuration: SystemConfiguration, certificates: [SSLKeyAndCertificate], mustChecks: MustCheckReport,
                clusterName: String, controller: String, controllerVersion: String?, user: String,
                readOnlyReason: String? = nil, readAt: Date, authenticatedMappings: Set<String>? = nil,
                peerNames: [String: String] = [:], controllerIdentityVerified: Bool = true,
                commandLine: RotationCommandLine.Connection? = nil) {
        self.authenticatedMappings = authenticatedMappings
        self.peerNames = peerNames
        self.controllerIdentityVerified = controllerIdentityVerified
        self.commandLine = commandLine ?? RotationCommandLine.Connection(controller: controller)
        self.configuration = configuration
        self.certificates = certificates
        self.systemDefault = certificates.first { $0.name == Self.defaultCertificateName }
        self.mustChecks = mustChecks
        self.clusterName = clusterName
        self.controller = controller
        self.controllerVersion = controllerVersion
        self.user = user
        self.readOnlyReason = readOnlyReason
        self.readAt = readAt
    }

    public var currentRefs: [AviRef] { configuration.secureChannelCertificateRefs }

    /// The certificate in use: the one referred to, or the default when the list is empty (REFERENCE.md §3.5).
    public var current: SSLKeyAndCertificate? {
        guard let ref = currentRefs.first else { return systemDefault }
        return certificates.first { $0.uuid == ref.uuid || (ref.uuid == nil && $0.name == ref.name) }
    }

    /// True when the list is empty and the controller falls back to its default by itself.
    public var usesImplicitDefault: Bool { currentRefs.isEmpty }

    /// How to name what is in use now, also when its object could not be found.
    public var currentName: String {
        current?.name ?? currentRefs.first.map { $0.name ?? $0.uuid ?? $0.raw } ?? Self.defaultCertificateName
    }

    public var existingNames: Set<String> { Set(certificates.map(\.name)) }

    public func candidates(now: Date) -> [RotationCandidate] {
        RotationCandidate.list(certificates, inUseUUID: current?.uuid, now: now, usedBy: usedBy)
    }

    /// Whether the controller holds a CA object whose subject is `issuer` (a one-line DN).
    public func holdsIssuer(_ issuer: String) -> Bool {
        certificates.contains { $0.type == .ca && $0.certificate?.subject?.distinguishedName.map { RotationExecutor.sameDN($0, issuer) } == true }
    }

    /// `--to NAME`: an existing certificate, or the default (by its name or `default`) for a rollback.
    public func target(named name: String) throws -> RotationTarget {
        if name == Self.defaultCertificateName || name == "default" {
            guard let systemDefault else { throw RotationError.unknownCertificate(Self.defaultCertificateName) }
            return .systemDefault(systemDefault)
        }
        guard let certificate = certificates.first(where: { $0.name == name }) else {
            throw RotationError.unknownCertificate(name, usable: candidates(now: readAt).filter(\.isUsable).map(\.name))
        }
        return .existing(certificate)
    }
}
