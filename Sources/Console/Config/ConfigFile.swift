import Foundation
import TOMLKit

/// A named controller profile from the config file.
public struct ControllerProfile: Sendable, Equatable {
    public var name: String
    public var controller: String?
    public var username: String?
    public var tenant: String?
    public var apiVersion: String?
    public var caFile: String?
    public var pins: [String]
    public var insecure: Bool?
    public var readOnly: Bool?
    public var passwordFile: String?
    public var theme: String?
    /// `tags = { env = "prod", site = "ams" }` (or `tags = ["prod"]`, bare labels with an empty value):
    /// what `--tag` selects profiles by in the fleet commands.
    public var tags: [String: String] = [:]
    /// `color = "red"` or `"#ff5f00"`: how the fleet screen and the header mark this cluster
    /// (a `ThemeColor` name, validated when the file is read).
    public var color: String?

    public init(name: String, controller: String? = nil, username: String? = nil, tenant: String? = nil, apiVersion: String? = nil,
                caFile: String? = nil, pins: [String] = [], insecure: Bool? = nil, readOnly: Bool? = nil, passwordFile: String? = nil,
                theme: String? = nil, tags: [String: String] = [:], color: String? = nil) {
        self.name = name
        self.controller = controller
        self.username = username
        self.tenant = tenant
        self.apiVersion = apiVersion
        self.caFile = caFile
        self.pins = pins
        self.insecure = insecure
        self.readOnly = readOnly
        self.passwordFile = passwordFile
        self.theme = theme
        self.tags = tags
        self.color = color
    }
}

/// `$XDG_CONFIG_HOME/avitui/config.toml`:
///
/// ```toml
/// default_profile = "prod"   # used when --profile is not given
/// read_only = true           # applies to every profile unless it says otherwise
/// theme = "solarized-dark"
///
/// [profiles.prod]
/// controller = "10.0.0.5,10.0.0.6,10.0.0.7"
/// username = "monitor"
/// ca_file = "/etc/avi/ca.pem"
/// password_file = "~/.avi-password"
/// read_only = true
/// ```
public struct ConfigFile: Sendable, Equatable {
    public var defaultProfile: String?
    public var readOnly: Bool?
    public var theme: String?
    public var profiles: [String: ControllerProfile]
    public var path: String?

    public init(defaultProfile: String? = nil, readOnly: Bool? = nil, theme: String? = nil,
                profiles: [String: ControllerProfile] = [:], path: String? = nil) {
        self.defaultProfile = defaultProfile
        self.readOnly = readOnly
        self.theme = theme
        self.profiles = profiles
        self.path = path
    }

    /// Reads the file if it exists; a missing file is an empty configuration.
    public static func load(from url: URL) throws -> ConfigFile {
        guard FileManager.default.fileExists(atPath: url.path) else { return ConfigFile() }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ConfigError(path: url.path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, path: url.path)
    }

    public static func parse(_ text: String, path: String) throws -> ConfigFile {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            let begin = error.source.begin
            throw ConfigError(path: path, line: begin.line,
                              message: TOMLErrorText.clean(error.description, line: begin.line, column: begin.column, in: text))
        }
        let lines = text.components(separatedBy: "\n")
        func lineOf(_ key: String) -> Int? {
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key) }.map { $0 + 1 }
        }
        func string(_ table: TOMLTable, _ key: String, context: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else {
                throw ConfigError(path: path, line: lineOf(key), message: "\(context)\(key) must be a string")
            }
            return text
        }
        func bool(_ table: TOMLTable, _ key: String, context: String) throws -> Bool? {
            guard let value = table[key] else { return nil }
            guard let flag = value.bool else {
                throw ConfigError(path: path, line: lineOf(key), message: "\(context)\(key) must be true or false")
            }
            return flag
        }
        /// `tags = { key = "value" }` or `tags = ["label"]`; every value a string.
        func tags(_ table: TOMLTable, context: String) throws -> [String: String] {
            guard let value = table["tags"] else { return [:] }
            let problem = ConfigError(path: path, line: lineOf("tags"),
                                      message: "\(context)tags must be a table of strings (tags = { env = \"prod\" }) or a list of strings")
            if let inline = value.table {
                var result: [String: String] = [:]
                for key in inline.keys {
                    guard let text = inline[key]?.string else { throw problem }
                    result[key] = text
                }
                return result
            }
            if let list = value.array {
                var result: [String: String] = [:]
                for item in list {
                    guard let label = item.string else { throw problem }
                    result[label] = ""
                }
                return result
            }
            throw problem
        }
        let knownTop: Set = ["default_profile", "read_only", "theme", "profiles"]
        for key in table.keys where !knownTop.contains(key) {
            throw ConfigError(path: path, line: lineOf(key), message: "unknown setting '\(key)'")
        }
        var config = ConfigFile(path: path)
        config.defaultProfile = try string(table, "default_profile", context: "")
        config.readOnly = try bool(table, "read_only", context: "")
        config.theme = try string(table, "theme", context: "")
        if let profiles = table["profiles"] {
            guard let profilesTable = profiles.table else {
                throw ConfigError(path: path, line: lineOf("profiles"), message: "profiles must be a table: [profiles.NAME]")
            }
            let knownKeys: Set = ["controller", "username", "tenant", "api_version", "ca_file", "pin", "insecure", "read_only",
                                  "password_file", "theme", "tags", "color"]
            for name in profilesTable.keys {
                guard let profile = profilesTable[name]?.table else {
                    throw ConfigError(path: path, line: lineOf("[profiles.\(name)]"), message: "profiles.\(name) must be a table")
                }
                let context = "profiles.\(name)."
                for key in profile.keys where !knownKeys.contains(key) {
                    throw ConfigError(path: path, line: lineOf(key), message: "unknown setting '\(context)\(key)'")
                }
                var pins: [String] = []
                if let pinValue = profile["pin"] {
                    if let single = pinValue.string { pins = [single] }
                    else if let many = pinValue.array { pins = many.compactMap { $0.string } }
                }
                config.profiles[name] = ControllerProfile(
                    name: name, controller: try string(profile, "controller", context: context),
                    username: try string(profile, "username", context: context), tenant: try string(profile, "tenant", context: context),
                    apiVersion: try string(profile, "api_version", context: context), caFile: try string(profile, "ca_file", context: context),
                    pins: pins, insecure: try bool(profile, "insecure", context: context),
                    readOnly: try bool(profile, "read_only", context: context),
                    passwordFile: try string(profile, "password_file", context: context), theme: try string(profile, "theme", context: context))
                config.profiles[name]?.tags = try tags(profile, context: context)
                if let color = try string(profile, "color", context: context) {
                    guard ThemeColor(name: color) != nil else {
                        throw ConfigError(path: path, line: lineOf("color"),
                                          message: "\(context)color '\(color)' is not a colour — use a name such as red or bright-blue, or #rrggbb")
                    }
                    config.profiles[name]?.color = color
                }
            }
        }
        return config
    }

    /// The profile to use: the named one, else `default_profile`, else none.
    public func profile(named name: String?) throws -> ControllerProfile? {
        guard let wanted = name ?? defaultProfile else { return nil }
        guard let profile = profiles[wanted] else {
            let known = profiles.keys.sorted()
            throw ConfigError(path: path ?? "config", line: nil,
                              message: "no profile '\(wanted)'" + (known.isEmpty ? " (the file defines none)" : "; known: \(known.joined(separator: ", "))"))
        }
        return profile
    }
}

/// A config file problem, naming the file and, when known, the line.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int?
    public var message: String
    public var description: String { "config \(path)\(line.map { " line \($0)" } ?? ""): \(message)" }
}
