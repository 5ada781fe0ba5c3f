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

        let apiVersionText = flags.apiVersion ?? env("AVI_API_VERSION") ?? profile?.apiVersion
        var apiVersion: String?
        if let apiVersionText {
            guard let release = AviVersion.headerValue(apiVersionText) else {
                throw AviError.invalidConfiguration("--api-version '\(apiVersionText)' is not a release number — use N.N.N, e.g. 22.1.6")
            }
            apiVersion = release
        }
        let settings = ConnectionSettings(
            controllers: controllers, username: username, password: "",
            tenant: flags.tenant ?? env("AVI_TENANT") ?? profile?.tenant ?? "admin",
            apiVersion: apiVersion,
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
///
/// Accepted: a regular file, or a pipe or FIFO — `--password-file /dev/stdin` with the password
/// piped in, `<(pass show avi)`, or a named FIFO from `mkfifo -m 600` — each with no group or
/// other access (a pipe has none). Refused, with what to do: a terminal (use the prompt), a
/// directory, a socket or another device. The first line is the password; one trailing CR
/// (Windows line endings) is dropped with the newline.
public enum PasswordFile {
    /// Longer than any password; a bound so that `/dev/zero`-like input cannot fill memory.
    static let maxBytes = 64 * 1024

    public static func read(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw AviError.invalidConfiguration("password file \(path) cannot be read (\(String(cString: strerror(errno)))) — check the path")
        }
        let kind = info.st_mode & S_IFMT
        switch kind {
        case S_IFREG, S_IFIFO: break
        case S_IFCHR where isTerminal(path):
            throw AviError.invalidConfiguration("password file \(path) is a terminal — leave out --password-file to be asked for the password")
        default:
            throw AviError.invalidConfiguration("password file \(path) is \(describe(kind)) — give a regular file (mode 600), a FIFO, or a pipe such as /dev/stdin")
        }
        if info.st_mode & 0o077 != 0 {
            throw AviError.invalidConfiguration(
                "password file \(path) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))) — run chmod 600 \(path)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AviError.invalidConfiguration("password file \(path) cannot be opened (\(String(cString: strerror(errno)))) — check its owner and mode")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maxBytes + 1) ?? Data() } catch {
            throw AviError.invalidConfiguration("password file \(path) cannot be read: \(error.localizedDescription)")
        }
        guard data.count <= maxBytes else {
            throw AviError.invalidConfiguration("password file \(path) is larger than \(maxBytes / 1024) KB — it should hold only the password")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AviError.invalidConfiguration("password file \(path) is not UTF-8 text")
        }
        let password = firstLine(text)
        guard !password.isEmpty else { throw AviError.invalidConfiguration("password file \(path) is empty — its first line must hold the password") }
        return password
    }

    /// The first line without its line ending: `\n`, `\r\n` or a lone `\r`.
    static func firstLine(_ text: String) -> String {
        // Swift treats "\r\n" as one Character, so split on scalars.
        let scalars = text.unicodeScalars
        let end = scalars.firstIndex { $0 == "\n" || $0 == "\r" } ?? scalars.endIndex
        return String(scalars[..<end])
    }

    private static func isTerminal(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return isatty(descriptor) == 1
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a directory"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        default: return "not a file"
        }
    }
}

