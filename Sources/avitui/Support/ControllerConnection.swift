import AviAPI
import ArgumentParser
import Console
import Foundation

/// Turns connection options into a logged-in client, with one-line errors an operator can act on.
struct ControllerConnection {
    let client: AviClient
    let connection: ConnectionInfo
    let resolved: ConnectionResolver.Resolved

    /// Options resolved and the password read, before any request: what a login needs.
    struct Prepared: Sendable {
        var resolved: ConnectionResolver.Resolved
        /// The address tried first and the user, for the connecting screen.
        var firstController: String { resolved.settings.controllers.first?.absoluteString ?? "" }
        var username: String { resolved.settings.username }
        var limits: TransportLimits { resolved.settings.limits }
    }

    /// Resolves options, reads the password, logs in; read-only is entered by itself when
    /// the user cannot write the system configuration (when `detectWriteAccess`).
    static func open(_ options: ConnectionOptions, log: RequestLog = RequestLog(), detectWriteAccess: Bool = false,
                     forceReadOnly: Bool = false) async throws -> ControllerConnection {
        try await login(prepare(options, forceReadOnly: forceReadOnly), log: log, detectWriteAccess: detectWriteAccess)
    }

    /// Resolves the options and reads the password (asking on the terminal when so
    /// configured): everything before the first request, so the console can start its
    /// screen after it and log in while the screen is drawn.
    static func prepare(_ options: ConnectionOptions, forceReadOnly: Bool = false) throws -> Prepared {
        let environment = ProcessInfo.processInfo.environment
        let config = try loadConfig(environment: environment)
        var flags = options.flags
        if forceReadOnly { flags.readOnly = true }
        var resolved = try ConnectionResolver(flags: flags, environment: environment, config: config).resolve()
        resolved.settings.password = try password(for: resolved)
        return Prepared(resolved: resolved)
    }

    /// Runs `body`, then logs out whether it returned or threw: the session is closed on the
    /// controller before the command ends (a logout left to a detached task raced the exit).
    func loggingOut<T>(_ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            await client.session.logout()
            return value
        } catch {
            await client.session.logout()
            throw error
        }
    }

    /// Logs in with prepared settings (see `open`).
    static func login(_ prepared: Prepared, log: RequestLog, detectWriteAccess: Bool) async throws -> ControllerConnection {
        var resolved = prepared.resolved
        var client = AviClient(settings: resolved.settings, log: log)
        let login = try await client.session.connect()
        var readOnlyReason = resolved.readOnlyReason
        if detectWriteAccess && !resolved.settings.readOnly, await !client.canWriteSystemConfiguration() {
            // Same session details, but a guard that refuses every write.
            await client.session.logout()
            readOnlyReason = "user \(resolved.settings.username) cannot write the system configuration"
            resolved.settings.readOnly = true
            client = AviClient(settings: resolved.settings, log: log)
            try await client.session.connect()
        }
        let connection = ConnectionInfo(
            controller: await client.session.controller.absoluteString,
            addresses: resolved.settings.controllers.map(\.absoluteString),
            username: resolved.settings.username, tenant: resolved.settings.tenant, apiVersion: await client.session.apiVersion,
            controllerVersion: login.version?.version, readOnly: resolved.settings.readOnly, readOnlyReason: readOnlyReason,
            insecure: resolved.settings.trust.insecure, trust: resolved.settings.trust.summary)
        return ControllerConnection(client: client, connection: connection, resolved: resolved)
    }

    /// Who and where the options point at, without a password or a login: for a report that
    /// must name the controller it could not reach. Nil when the options do not resolve.
    static func describe(_ options: ConnectionOptions) -> ConnectionInfo? {
        let environment = ProcessInfo.processInfo.environment
        guard let config = try? loadConfig(environment: environment),
              let resolved = try? ConnectionResolver(flags: options.flags, environment: environment, config: config).resolve(),
              let controller = resolved.settings.controllers.first else { return nil }
        return ConnectionInfo(controller: controller.absoluteString, addresses: resolved.settings.controllers.map(\.absoluteString),
                              username: resolved.settings.username, tenant: resolved.settings.tenant, readOnly: true,
                              insecure: resolved.settings.trust.insecure, trust: resolved.settings.trust.summary)
    }

    static func loadConfig(environment: [String: String]) throws -> ConfigFile {
        let path = environment["AVITUI_CONFIG"].map { URL(fileURLWithPath: $0) } ?? XDGPaths(environment: environment).configFile
        do { return try ConfigFile.load(from: path) } catch let error as ConfigError {
            throw AviError.invalidConfiguration(error.description)
        }
    }

    private static func password(for resolved: ConnectionResolver.Resolved) throws -> String {
        switch resolved.passwordSource {
        case let .environment(password): return password
        case let .file(path): return try PasswordFile.read(path)
        case .prompt:
            let user = resolved.settings.username
            let host = resolved.settings.controllers.first?.host ?? ""
            guard let password = TerminalLine.secret(prompt: "Password for \(user)@\(host): "), !password.isEmpty else {
                throw AviError.invalidConfiguration("no password — set AVI_PASSWORD, pass --password-file, or run on a terminal to be asked")
            }
            return password
        }
    }
}

/// Runs a command body and turns errors into one line on stderr and an exit status.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as AviError {
        Output.error(error.description)
        if case .invalidConfiguration = error { throw ExitCode(ExitStatus.usage.rawValue) }
        throw ExitCode(ExitStatus.failure.rawValue)
    } catch let error as ConfigError {
        Output.error(error.description)
        throw ExitCode(ExitStatus.usage.rawValue)
    }
}
