import AviAPI
import Console
import Foundation

/// Turns `--profile`/`--tag` into the fleet's members, with one clear line (an
/// `AviError.invalidConfiguration`) for a missing file, no profiles, an unknown name or a
/// tag that selects nothing. Problems of single profiles are not errors: they become rows.
enum FleetLoader {
    static func members(names: [String], tags: [String]) throws -> [FleetMember] {
        let environment = ProcessInfo.processInfo.environment
        let config = try ControllerConnection.loadConfig(environment: environment)
        let profiles: [ControllerProfile]
        do { profiles = try FleetSelection(names: names, tags: tags).profiles(in: config) } catch let error as ConfigError {
            throw AviError.invalidConfiguration(error.description)
        }
        return FleetMember.resolve(profiles, config: config, environment: environment)
    }
}
