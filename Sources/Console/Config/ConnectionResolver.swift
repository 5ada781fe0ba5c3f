import AviAPI
import Foundation

/// Connection choices as given on the command line (nil = not given).
public struct ConnectionFlags: Sendable {
    public var controller: String?
    public var username: String?
    public var passwordFile: String?
    public var tenant: String?
    public var apiVersion: String?
    public var caFile: String?
    public var pins: [String] = []
    public var insecure = false
    public var readOnly = false
    public var profile: String?
    public var connectTimeout: Double?
    public var requestTimeout: Double?

    public init() {}
}

/// Where the password will come from.
public enum PasswordSource: Sendable, Equatable {
    case environment(String)
    case file(String)
    case prompt
}

/// Merges flags, the environment (named as the Avi Ansible modules and Terraform provider name
/// them) and the config file profile — in that order of precedence — into connection settings.
public struct ConnectionResolver: Sendable {
    public var flags: ConnectionFlags
    public var environment: [String: String]
    public var config: ConfigFile

    public init(flags: ConnectionFlags, environment: [String: String], config: ConfigFile) {
        self.flags = flags
        self.environment = environment
        self.config = config
    }

    public struct Resolved: Sendable {
        /// Settings with an empty password: fill it from `passwordSource`.
        public var settings: ConnectionSettings
        public var passwordSource: PasswordSource
        /// Why read-only, when it is.
        public var readOnlyReason: String?
        public var profile: ControllerProfile?
    }

    public func resolve() throws -> Resolved {
        let profile: ControllerProfile?
        do { profile = try config.profile(named: flags.profile) } catch let error as ConfigError {
            throw AviError.invalidConfiguration(error.description)
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let controllerText = flags.controller ?? env("AVI_CONTROLLER") ?? profile?.controller else {
            throw AviError.invalidConfiguration("no controller given — pass --controller HOST, set AVI_CONTROLLER, or use --profile")
        }
        let controllers = try ConnectionSettings.parseControllers(controllerText)
        guard let username = flags.username ?? env("AVI_USERNAME") ?? profile?.username else {
            throw AviError.invalidConfiguration("no username given — pass --username or set AVI_USERNAME")
        }
        let pins = flags.pins.isEmpty ? (profile?.pins ?? []) : flags.pins
        for pin in pins where !TLSTrust.validatePin(pin) {
            throw AviError.invalidConfiguration("--pin '\(pin)' is not a public-key pin — expected sha256// followed by a base64 SHA-256 digest")
        }
        let caFile = flags.caFile ?? env("AVI_CA_FILE") ?? profile?.caFile
        if let caFile, !FileManager.default.isReadableFile(atPath: Self.expand(caFile)) {
            throw AviError.invalidConfiguration("--ca-file \(caFile) cannot be read — give the path of a PEM file with the controller's CA")
        }
        let insecure = flags.insecure || (profile?.insecure ?? false)
        var readOnlyReason: String?
        if flags.readOnly { readOnlyReason = "--read-only" }
        else if profile?.readOnly == true { readOnlyReason = "profile \(profile?.name ?? "") in the config file" }
        else if profile?.readOnly == nil, config.readOnly == true { readOnlyReason = "read_only in the config file" }
        else if ["1", "true", "yes"].contains(env("AVITUI_READ_ONLY")?.lowercased() ?? "") { readOnlyReason = "AVITUI_READ_ONLY" }

        var limits = TransportLimits()
        if let connect = flags.connectTimeout { limits.connectTimeout = connect }
        if let request = flags.requestTimeout { limits.requestTimeout = request }

        let passwordSource: PasswordSource
        // Same precedence as every other setting: the option, then the environment, then the profile.
        if let file = flags.passwordFile { passwordSource = .file(Self.expand(file)) }
        else if let password = environment["AVI_PASSWORD"], !password.isEmpty { passwordSource = .environment(password) }
        else if let file = profile?.passwordFile { passwordSource = .file(Self.expand(file)) }
        else { passwordSource = .prompt }

        let settings = ConnectionSettings(
            controllers: controllers, username: username, password: "",
            tenant: flags.tenant ?? env("AVI_TENANT") ?? profile?.tenant ?? "admin",
            apiVersion: flags.apiVersion ?? env("AVI_API_VERSION") ?? profile?.apiVersion,
            trust: TLSTrust(caFile: caFile.map(Self.expand), pins: pins, insecure: insecure), limits: limits,
            readOnly: readOnlyReason != nil)
        return Resolved(settings: settings, passwordSource: passwordSource, readOnlyReason: readOnlyReason, profile: profile)
    }

    /// `~/x` → `$HOME/x`.
    public static func expand(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return NSHomeDirectory() + path.dropFirst(1)
    }
}

/// Reads a password file, refusing one that others can read (DESIGN.md safety rules).
public enum PasswordFile {
    public static func read(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw AviError.invalidConfiguration("password file \(path) cannot be read — check the path")
        }
        if info.st_mode & 0o077 != 0 {
            throw AviError.invalidConfiguration(
                "password file \(path) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))) — run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw AviError.invalidConfiguration("password file \(path) cannot be read")
        }
        let password = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !password.isEmpty else { throw AviError.invalidConfiguration("password file \(path) is empty") }
        return password
    }
}
