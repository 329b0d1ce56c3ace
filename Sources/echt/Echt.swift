import ArgumentParser

/// The `echt` command: real photographs into professional headshots.
@main
struct Echt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echt",
        abstract: "Turns real photographs into professional headshots, on your own machine.",
        version: EchtVersion.string,
        subcommands: [Info.self, Analyse.self, Studio.self, Verify.self, Keys.self]
    )
}

/// The version printed by `echt --version`.
enum EchtVersion {
    static let string = "0.1.0"
}
