import ArgumentParser
import EchtStudio

/// The `echt` command: real photographs into professional headshots.
@main
struct Echt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echt",
        abstract: "Turns real photographs into professional headshots, on your own machine.",
        version: EchtVersion.string,
        subcommands: [Info.self, Analyse.self, Studio.self, Verify.self, Keys.self]
    )

    /// Sets up malloc for the studio's image-sized buffers before any other thread starts, then
    /// parses and runs the command.
    static func main() async {
        _ = LargeBlockReuse.applied
        await main(nil)
    }
}

/// The version printed by `echt --version`.
enum EchtVersion {
    static let string = "0.1.0"
}
