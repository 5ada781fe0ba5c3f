import Foundation

/// Which profiles of the config file form the fleet: every profile (the default), the ones
/// named with `--profile` (repeatable), narrowed by `--tag` filters.
///
/// A tag filter is `KEY=VALUE` (the profile's `tags` has that key with that value) or a bare
/// `WORD` (any tag key or value equals it); several filters must all match.
public struct FleetSelection: Sendable, Equatable {
    /// Profile names; empty = every profile.
    public var names: [String]
    public var tags: [String]

    public init(names: [String] = [], tags: [String] = []) {
        self.names = names
        self.tags = tags
    }

    /// Whether `profile` passes every tag filter.
    public func matchesTags(_ profile: ControllerProfile) -> Bool {
        tags.allSatisfy { filter in
            if let equals = filter.firstIndex(of: "=") {
                let key = String(filter[..<equals]), value = String(filter[filter.index(after: equals)...])
                return profile.tags[key] == value
            }
            return profile.tags[filter] != nil || profile.tags.values.contains(filter)
        }
    }

    /// The selected profiles, sorted by name (named ones in the order given).
    /// - Throws: `ConfigError` with one line an operator can act on: no profiles in the file,
    ///   a name that is not in the file, or filters that select nothing.
    public func profiles(in config: ConfigFile) throws -> [ControllerProfile] {
        let file = config.path ?? "config"
        guard !config.profiles.isEmpty else {
            throw ConfigError(path: file, line: nil,
                              message: "defines no profiles — add a [profiles.NAME] table per controller cluster (see avitui-config(5))")
        }
        var chosen: [ControllerProfile] = []
        if names.isEmpty {
            chosen = config.profiles.values.sorted { $0.name < $1.name }
        } else {
            var seen = Set<String>()
            for name in names where seen.insert(name).inserted {
                guard let profile = config.profiles[name] else {
                    throw ConfigError(path: file, line: nil,
                                      message: "no profile '\(name)'; known: \(config.profiles.keys.sorted().joined(separator: ", "))")
                }
                chosen.append(profile)
            }
        }
        let filtered = chosen.filter(matchesTags)
        guard !filtered.isEmpty else {
            let inUse = Set(chosen.flatMap { $0.tags.map { $0.value.isEmpty ? $0.key : "\($0.key)=\($0.value)" } }).sorted()
            throw ConfigError(path: file, line: nil,
                              message: "no profile has tag \(tags.joined(separator: " and "))"
                                  + (inUse.isEmpty ? " (no profile has tags)" : "; tags in use: \(inUse.joined(separator: ", "))"))
        }
        return filtered
    }
}
