import AviAPI
import ArgumentParser
import Console
import Foundation

/// `avitui doctor`: what an operator or support needs when something looks wrong — the
/// terminal, the locale, the files in use, then the controller step by step. Each line is
/// OK or says what to do; the exit status is 1 when anything failed.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the terminal, locale, files and the controller connection; print a fix for each problem.",
        discussion: """
            Looks at TERM and its terminfo entry, colours and colour pairs, the locale's character set, \
            the terminal size, the config file, the theme and the audit log, then — when a controller is \
            configured — whether it is reachable, whether its TLS certificate is trusted and by what, \
            whether the login works, the API version, and whether the user may write the system \
            configuration (needed for the rotation wizard). Exits 1 when any line says FAIL. Nothing is \
            written to the controller.
            """)

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: ArgumentHelp("Check this theme instead of the configured one.", valueName: "NAME|PATH"))
    var theme: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var findings = DoctorTerminal.findings(environment: environment)
        findings.append(Self.coreDumpFinding())
        let config = fileFindings(environment: environment, into: &findings)
        findings += await controllerFindings(environment: environment, config: config)
        Output.out(DoctorReport.render(findings, color: Output.useColor))
        let status = DoctorReport.exitStatus(findings)
        if status != 0 { throw ExitCode(status) }
    }

    // MARK: Files

    private func fileFindings(environment: [String: String], into findings: inout [DoctorFinding]) -> ConfigFile? {
        let paths = XDGPaths(environment: environment)
        let configPath = environment["AVITUI_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? paths.configFile.path
        var config: ConfigFile?
        if !FileManager.default.fileExists(atPath: configPath) {
            findings.append(DoctorFinding(.ok, "config", "\(configPath) (not present: built-in defaults)"))
            config = ConfigFile()
        } else {
            do {
                let loaded = try ConfigFile.load(from: URL(fileURLWithPath: configPath))
                let profiles = loaded.profiles.keys.sorted()
                var detail = "\(configPath): \(profiles.count) \(profiles.count == 1 ? "profile" : "profiles")"
                if !profiles.isEmpty { detail += " (\(profiles.joined(separator: ", ")))" }
                if let name = loaded.defaultProfile { detail += ", default \(name)" }
                if loaded.readOnly == true { detail += ", read_only" }
                findings.append(DoctorFinding(.ok, "config", detail))
                config = loaded
            } catch let error as ConfigError {
                findings.append(DoctorFinding(.failure, "config", error.description, fix: "correct the file; avitui-config(5) describes it"))
            } catch {
                findings.append(DoctorFinding(.failure, "config", "\(configPath): \(error)", fix: "correct the file; avitui-config(5) describes it"))
            }
        }

        let loader = ThemeLoader(environment: environment)
        let profileTheme = (try? config?.profile(named: connection.profile))??.theme
        let wanted = theme ?? profileTheme ?? config?.theme
        do {
            let loaded = try loader.load(wanted)
            findings.append(DoctorFinding(.ok, "theme", "\(loaded.name)\(wanted == nil ? " (none configured)" : ""); user themes in \(loader.userThemeDirectory)"))
        } catch {
            findings.append(DoctorFinding(.failure, "theme", error.description,
                                          fix: "choose one of \(loader.availableThemes().joined(separator: ", ")) or fix the file (avitui-theme(5))"))
        }

        let audit = paths.auditLog.path
        var info = stat()
        if stat(audit, &info) == 0 {
            let mode = info.st_mode & 0o777
            if mode & 0o077 != 0 {
                findings.append(DoctorFinding(.warning, "audit log", "\(audit) is readable by others (mode \(String(mode, radix: 8)))",
                                              fix: "chmod 600 \(audit)"))
            } else {
                findings.append(DoctorFinding(.ok, "audit log", audit))
            }
        } else {
            findings.append(DoctorFinding(.ok, "audit log", "\(audit) (not written yet; created mode 0600 by the first change)"))
        }
        return config
    }

    // MARK: Controller

    private func controllerFindings(environment: [String: String], config: ConfigFile?) async -> [DoctorFinding] {
        let resolved: ConnectionResolver.Resolved
        do {
            resolved = try ConnectionResolver(flags: connection.flags, environment: environment, config: config ?? ConfigFile()).resolve()
        } catch let error as AviError {
            if case let .invalidConfiguration(message) = error, message.hasPrefix("no controller given") {
                return [DoctorFinding(.info, "controller", "none configured: the controller was not checked",
                                      fix: "pass --controller HOST (or set AVI_CONTROLLER, or --profile) to check it too")]
            }
            return [DoctorFinding(.failure, "controller", error.description)]
        } catch {
            return [DoctorFinding(.failure, "controller", "\(error)")]
        }
        var findings: [DoctorFinding] = []
        var settings = resolved.settings
        let addresses = settings.controllers.map(\.absoluteString).joined(separator: ", ")
        findings.append(DoctorFinding(.info, "controller", "\(addresses) as \(settings.username)@\(settings.tenant)"
                                      + (resolved.profile.map { " (profile \($0.name))" } ?? "")))
        do {
            settings.password = try Self.password(for: resolved)
        } catch let error as AviError {
            findings.append(DoctorFinding(.failure, "password", error.description))
            return findings
        } catch {
            findings.append(DoctorFinding(.failure, "password", "\(error)"))
            return findings
        }
        // Read-only: doctor never writes, and the guard makes sure of it.
        settings.readOnly = true
        let client = AviClient(settings: settings)
        let trust = settings.trust.summary
        do {
            let login = try await client.session.connect()
            let controller = await client.session.controller.absoluteString
            findings.append(DoctorFinding(.ok, "reachable", controller))
            findings.append(settings.trust.insecure
                ? DoctorFinding(.warning, "TLS", "not verified (--insecure)", fix: "pass --ca-file PATH or --pin sha256//… instead")
                : DoctorFinding(.ok, "TLS", "trusted: \(trust)"))
            findings.append(DoctorFinding(.ok, "login", "\(settings.username)@\(settings.tenant)"
                                          + (login.user?.isSuperuser == true ? " (superuser)" : "")))
            let apiVersion = await client.session.apiVersion ?? "?"
            let controllerVersion = login.version?.version ?? "?"
            // The header is only proven by a read that needs it: a rejected one is answered 400.
            do {
                _ = try await client.clusterConfig()
                findings.append(DoctorFinding(.ok, "API version", "X-Avi-Version \(apiVersion); controller \(controllerVersion)"))
            } catch let error as AviError {
                if case let .badRequest(_, message) = error {
                    findings.append(DoctorFinding(.failure, "API version", "the controller rejects the X-Avi-Version header (\(apiVersion)): \(message)",
                                                  fix: "pass --api-version with the release the controller runs (N.N.N, e.g. \(AviVersion.headerValue(controllerVersion) ?? "22.1.6")) or leave it out"))
                } else {
                    findings.append(DoctorFinding(.warning, "API version", "X-Avi-Version \(apiVersion) not confirmed: \(error.description)"))
                }
            }
            if await client.canWriteSystemConfiguration() {
                findings.append(DoctorFinding(.ok, "write access", "may write the system configuration: the rotation wizard is available"
                                              + (resolved.readOnlyReason.map { " (but read-only by \($0))" } ?? "")))
            } else {
                findings.append(DoctorFinding(.info, "write access", "cannot write the system configuration: the console runs read-only",
                                              fix: "for rotation, use a user with write access to PERMISSION_SYSTEMCONFIGURATION"))
            }
            await client.session.logout()
        } catch let error as AviError {
            findings += Self.classify(error, trust: trust)
        } catch {
            findings.append(DoctorFinding(.failure, "reachable", "\(error)"))
        }
        return findings
    }

    /// Whether a crash could write the password to disk (see ProcessHardening).
    static func coreDumpFinding() -> DoctorFinding {
        let state = ProcessHardening.coreDumpsOff
        if state.limit && state.notDumpable {
            return DoctorFinding(.ok, "core dumps", "off (core size limit 0, process not dumpable): a crash writes no secrets to disk")
        }
        return DoctorFinding(.warning, "core dumps", "a crash could write the password to disk (limit 0: \(state.limit), not dumpable: \(state.notDumpable))",
                             fix: "report this: avitui turns core dumps off at start")
    }

    /// Turns a failed connection into the first step that failed, and what came before it.
    static func classify(_ error: AviError, trust: String) -> [DoctorFinding] {
        var failure = error
        if case let .allControllersFailed(errors) = error, let last = errors.last { failure = last }
        switch failure {
        case .unreachable, .timeout, .connectTimeout, .connectionLost, .serverUnavailable:
            return [DoctorFinding(.failure, "reachable", error.description,
                                  fix: "check the address, DNS and that port 443 is open from here (curl -kI https://HOST/)")]
        case .untrustedCertificate, .pinMismatch, .tlsFailure:
            return [DoctorFinding(.ok, "reachable", "answers TLS"),
                    DoctorFinding(.failure, "TLS", "\(error.description) (trusting: \(trust))",
                                  fix: "pass --ca-file with the controller's CA, or --pin sha256//… (see avitui(1), TRUST)")]
        case let .badRequest(_, message) where message.lowercased().contains("version"):
            return [DoctorFinding(.ok, "reachable", "answers"), DoctorFinding(.ok, "TLS", "trusted: \(trust)"),
                    DoctorFinding(.failure, "API version", "the controller rejects the X-Avi-Version header: \(message)",
                                  fix: "pass --api-version with the release the controller runs (N.N.N) or leave it out")]
        case .loginFailed, .passwordRefusedBefore, .forbidden, .sessionExpired, .reloginLimit:
            return [DoctorFinding(.ok, "reachable", "answers"), DoctorFinding(.ok, "TLS", "trusted: \(trust)"),
                    DoctorFinding(.failure, "login", error.description, fix: "check --username / AVI_USERNAME and the password")]
        default:
            return [DoctorFinding(.failure, "controller", error.description)]
        }
    }

    private static func password(for resolved: ConnectionResolver.Resolved) throws -> String {
        switch resolved.passwordSource {
        case let .environment(password): return password
        case let .file(path): return try PasswordFile.read(path)
        case .prompt:
            let host = resolved.settings.controllers.first?.host ?? ""
            guard let password = TerminalLine.secret(prompt: "Password for \(resolved.settings.username)@\(host): "), !password.isEmpty else {
                throw AviError.invalidConfiguration("no password — set AVI_PASSWORD, pass --password-file, or run on a terminal to be asked")
            }
            return password
        }
    }
}

/// The terminal side of `doctor`: TERM and terminfo, colours, locale, size.
enum DoctorTerminal {
    static func findings(environment: [String: String]) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        let database = TerminfoDatabase(environment: environment)
        let term = environment["TERM"] ?? ""
        var capabilities: TerminfoDatabase.Capabilities?
        if term.isEmpty {
            findings.append(DoctorFinding(.warning, "TERM", "not set: the console cannot start", fix: "export TERM=xterm-256color"))
        } else if let path = database.locate(term) {
            capabilities = FileManager.default.contents(atPath: path).flatMap { TerminfoDatabase.parse(Array($0)) }
            findings.append(DoctorFinding(.ok, "TERM", "\(term): terminfo \(path)"))
        } else {
            findings.append(DoctorFinding(.failure, "TERM", "\(term): no terminfo entry in \(database.searchDirectories.joined(separator: ", "))",
                                          fix: "apt-get install ncurses-term, or run with TERM=xterm-256color"))
        }

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if let capabilities {
            let colors = capabilities.colors ?? 0
            let pairs = capabilities.pairs ?? 0
            let text = "\(colors) colours, \(pairs) pairs" + (noColor ? "; NO_COLOR is set: monochrome" : "")
            if colors >= 256 || noColor {
                findings.append(DoctorFinding(.ok, "colours", text))
            } else if colors >= 8 {
                findings.append(DoctorFinding(.ok, "colours", text + "; themes are mapped to \(colors) colours",
                                              fix: nil))
            } else {
                findings.append(DoctorFinding(.warning, "colours", text + ": monochrome",
                                              fix: "use a colour terminal type, e.g. TERM=xterm-256color"))
            }
        }

        findings.append(localeFinding(environment: environment))
        findings.append(sizeFinding())
        return findings
    }

    static func localeFinding(environment: [String: String]) -> DoctorFinding {
        let variables = ["LC_ALL", "LC_CTYPE", "LANG"].compactMap { name in
            environment[name].flatMap { $0.isEmpty ? nil : "\(name)=\($0)" }
        }
        let source = variables.first ?? "no LANG, LC_CTYPE or LC_ALL"
        guard setlocale(LC_CTYPE, "") != nil else {
            return DoctorFinding(.warning, "locale", "\(source) is not installed on this machine: ASCII only",
                                 fix: "export LANG=C.UTF-8 (see locale -a)")
        }
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? "?"
        let utf8 = ["UTF-8", "UTF8", "utf-8", "utf8"].contains(codeset)
        return utf8
            ? DoctorFinding(.ok, "locale", "\(source), codeset \(codeset)")
            : DoctorFinding(.warning, "locale", "\(source), codeset \(codeset): lines and wide characters fall back to ASCII",
                            fix: "export LANG=C.UTF-8")
    }

    static func sizeFinding() -> DoctorFinding {
        var size = winsize()
        for descriptor in [STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO] where isatty(descriptor) == 1 {
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                let text = "\(size.ws_col)x\(size.ws_row)"
                if size.ws_col < 80 || size.ws_row < 24 {
                    return DoctorFinding(.warning, "terminal size", "\(text): smaller than 80x24, the console asks for more room",
                                         fix: "enlarge the window to at least 80x24")
                }
                return DoctorFinding(.ok, "terminal size", text)
            }
        }
        return DoctorFinding(.info, "terminal size", "not a terminal (output is redirected)")
    }
}
