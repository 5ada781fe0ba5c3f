import ArgumentParser
import Console

/// Options shared by every command that talks to a controller.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Controller URL or address; several cluster addresses comma-separated (env AVI_CONTROLLER).", valueName: "URL"))
    var controller: String?

    @Option(name: .long, help: ArgumentHelp("User name (env AVI_USERNAME).", valueName: "NAME"))
    var username: String?

    @Option(name: .long, help: ArgumentHelp("File holding the password, mode 0600 (else env AVI_PASSWORD, else a prompt).", valueName: "PATH"),
            completion: .file())
    var passwordFile: String?

    @Option(name: .long, help: ArgumentHelp("Tenant (env AVI_TENANT, default admin).", valueName: "NAME"))
    var tenant: String?

    @Option(name: .long, help: ArgumentHelp("X-Avi-Version to use (env AVI_API_VERSION; default: the controller's own version).", valueName: "VERSION"))
    var apiVersion: String?

    @Option(name: .long, help: ArgumentHelp("Trust this CA bundle instead of the system store (env AVI_CA_FILE).", valueName: "PATH"),
            completion: .file(extensions: ["pem", "crt"]))
    var caFile: String?

    @Option(name: .long, help: ArgumentHelp("Require this public key: sha256//BASE64 (repeatable).", valueName: "PIN"))
    var pin: [String] = []

    @Flag(name: .long, help: "Do not verify the controller's certificate (a red banner stays on screen).")
    var insecure = false

    @Flag(name: .long, help: "Read-only: nothing but reads can leave the process.")
    var readOnly = false

    @Option(name: .long, help: ArgumentHelp("Controller profile from the config file.", valueName: "NAME"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Connect timeout in seconds (default 5).", valueName: "SECONDS"))
    var connectTimeout: Double?

    @Option(name: .long, help: ArgumentHelp("Request timeout in seconds (default 30).", valueName: "SECONDS"))
    var requestTimeout: Double?

    var flags: ConnectionFlags {
        var flags = ConnectionFlags()
        flags.controller = controller
        flags.username = username
        flags.passwordFile = passwordFile
        flags.tenant = tenant
        flags.apiVersion = apiVersion
        flags.caFile = caFile
        flags.pins = pin
        flags.insecure = insecure
        flags.readOnly = readOnly
        flags.profile = profile
        flags.connectTimeout = connectTimeout
        flags.requestTimeout = requestTimeout
        return flags
    }
}
