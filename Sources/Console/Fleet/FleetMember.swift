import AviAPI
import Foundation

/// One cluster of the fleet: its profile and the connection settings made from it, or the
/// reason they could not be made (that cluster's row then shows the reason; the others go on).
public struct FleetMember: Sendable {
    public var profile: ControllerProfile
    /// Settings with the password read from the profile's `password_file`.
    public var settings: ConnectionSettings?
    /// Why `settings` is nil: no controller, no `password_file`, a password file others can read, …
    public var problem: String?
    /// Why the profile is read-only, when it is (the full console of this cluster honours it).
    public var readOnlyReason: String?

    public init(profile: ControllerProfile, settings: ConnectionSettings?, problem: String? = nil, readOnlyReason: String? = nil) {
        self.profile = profile
        self.settings = settings
        self.problem = problem
        self.readOnlyReason = readOnlyReason
    }

    public var name: String { profile.name }

    /// Resolves every profile on its own: the environment's `AVI_*` connection variables are not
    /// applied (they name one controller, not a fleet), and the password comes only from the
    /// profile's `password_file` (DESIGN.md: never inline, never a prompt for many clusters).
    public static func resolve(_ profiles: [ControllerProfile], config: ConfigFile, environment: [String: String],
                               limits: TransportLimits = FleetMember.defaultLimits) -> [FleetMember] {
        var neutral = environment
        for key in ["AVI_CONTROLLER", "AVI_USERNAME", "AVI_PASSWORD", "AVI_TENANT", "AVI_API_VERSION", "AVI_CA_FILE"] {
            neutral[key] = nil
        }
        return profiles.map { profile in
            var flags = ConnectionFlags()
            flags.profile = profile.name
            do {
                var resolved = try ConnectionResolver(flags: flags, environment: neutral, config: config).resolve()
                guard case let .file(path) = resolved.passwordSource else {
                    return FleetMember(profile: profile, settings: nil,
                                       problem: "profile \(profile.name) has no password_file — the fleet reads passwords only from files")
                }
                resolved.settings.password = try PasswordFile.read(path)
                resolved.settings.limits = limits
                return FleetMember(profile: profile, settings: resolved.settings, readOnlyReason: resolved.readOnlyReason)
            } catch let error as AviError {
                return FleetMember(profile: profile, settings: nil, problem: error.description)
            } catch {
                return FleetMember(profile: profile, settings: nil, problem: "\(error)")
            }
        }
    }

    /// Shorter than a single console's: one slow cluster must not hold a polling slot for long.
    public static let defaultLimits = TransportLimits(connectTimeout: 3, requestTimeout: 10)
}
