import AviAPI
import Console
import Foundation
import Testing

@Suite("Config file and connection resolution")
struct ConfigTests {
    let sample = """
        default_profile = "lab"
        read_only = true

        [profiles.lab]
        controller = "10.0.0.5,10.0.0.6"
        username = "monitor"
        tenant = "ops"
        pin = "sha256//\(Data(repeating: 1, count: 32).base64EncodedString())"

        [profiles.prod]
        controller = "prod.example"
        username = "admin"
        read_only = false
        """

    @Test func parsesProfiles() throws {
        let config = try ConfigFile.parse(sample, path: "/x/config.toml")
        #expect(config.defaultProfile == "lab")
        #expect(config.readOnly == true)
        #expect(config.profiles["lab"]?.pins.count == 1)
        #expect(config.profiles["prod"]?.readOnly == false)
    }

    @Test func badFilesNameTheLine() {
        #expect {
            _ = try ConfigFile.parse("theme = \"x\"\ncolour = 3\n", path: "/x/c.toml")
        } throws: { error in
            "\(error)" == "config /x/c.toml line 2: unknown setting 'colour'"
        }
        #expect {
            _ = try ConfigFile.parse("a = [\n", path: "/x/c.toml")
        } throws: { error in
            "\(error)".contains("line")
        }
    }

    @Test func flagsBeatEnvironmentBeatProfile() throws {
        let config = try ConfigFile.parse(sample, path: "/x/config.toml")
        var flags = ConnectionFlags()
        flags.username = "flaguser"
        let resolved = try ConnectionResolver(flags: flags, environment: ["AVI_TENANT": "envtenant", "AVI_PASSWORD": "pw"],
                                              config: config).resolve()
        #expect(resolved.settings.username == "flaguser")
        #expect(resolved.settings.tenant == "envtenant")
        #expect(resolved.settings.controllers.count == 2)
        #expect(resolved.settings.readOnly, "the file says read_only = true")
        #expect(resolved.passwordSource == .environment("pw"))
    }

    @Test func profileCanTurnReadOnlyOffAndUnknownProfilesAreClear() throws {
        let config = try ConfigFile.parse(sample, path: "/x/config.toml")
        var flags = ConnectionFlags()
        flags.profile = "prod"
        let resolved = try ConnectionResolver(flags: flags, environment: [:], config: config).resolve()
        #expect(!resolved.settings.readOnly)
        #expect(resolved.passwordSource == .prompt)
        flags.profile = "nope"
        #expect {
            _ = try ConnectionResolver(flags: flags, environment: [:], config: config).resolve()
        } throws: { error in
            "\(error)".contains("no profile 'nope'") && "\(error)".contains("lab, prod")
        }
    }

    @Test func missingControllerAndBadPinsAreClear() {
        #expect {
            _ = try ConnectionResolver(flags: ConnectionFlags(), environment: [:], config: ConfigFile()).resolve()
        } throws: { "\($0)".contains("--controller") }
        var flags = ConnectionFlags()
        flags.controller = "c"
        flags.username = "u"
        flags.pins = ["md5//x"]
        #expect {
            _ = try ConnectionResolver(flags: flags, environment: [:], config: ConfigFile()).resolve()
        } throws: { "\($0)".contains("sha256//") }
    }

    @Test func passwordFilesOthersCanReadAreRefused() throws {
        let path = NSTemporaryDirectory() + "avitui-pw-\(UUID().uuidString)"
        try "secret\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        chmod(path, 0o644)
        #expect { _ = try PasswordFile.read(path) } throws: { "\($0)".contains("chmod 600") }
        chmod(path, 0o600)
        #expect(try PasswordFile.read(path) == "secret")
    }
}
