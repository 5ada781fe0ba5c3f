import Foundation

/// Where avitui keeps its files, by the XDG base-directory rules.
public struct XDGPaths: Sendable {
    public var configHome: URL
    public var stateHome: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
        func directory(_ variable: String, fallback: String) -> URL {
            // The spec says relative values are invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
            return home.appendingPathComponent(fallback)
        }
        configHome = directory("XDG_CONFIG_HOME", fallback: ".config")
        stateHome = directory("XDG_STATE_HOME", fallback: ".local/state")
    }

    public var configFile: URL { configHome.appendingPathComponent("avitui/config.toml") }
    public var themesDirectory: URL { configHome.appendingPathComponent("avitui/themes") }
    public var auditLog: URL { stateHome.appendingPathComponent("avitui/audit.jsonl") }
    /// The demo's own audit log: a rotation on a simulator never lands among real changes.
    public var demoAuditLog: URL { stateHome.appendingPathComponent("avitui/demo/audit.jsonl") }
}
