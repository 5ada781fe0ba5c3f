import ArgumentParser

/// `--all` and `--tag`: the headless commands over several profiles of the config file.
struct FleetOptions: ParsableArguments {
    @Flag(name: .long, help: "Every profile of the config file, worst first (narrowed by --profile or --tag).")
    var all = false

    @Option(name: .long, help: ArgumentHelp("Only profiles with this tag, KEY=VALUE or a bare word (repeatable; implies --all).",
                                            valueName: "TAG"))
    var tag: [String] = []

    /// Whether the command runs over several profiles.
    var isFleet: Bool { all || !tag.isEmpty }
}
