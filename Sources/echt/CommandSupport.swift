import ArgumentParser
import Foundation

// Shared pieces for every `echt` subcommand.
//
// Error reporting: a subcommand's `run()` wraps its work in `reportingErrors { ... }`. Any
// error thrown inside is printed to stderr as `echt: <description>` — one or two plain
// sentences, from the module error's `CustomStringConvertible` — and the process exits with
// status 1, without a stack dump. For commands that process several inputs and should carry
// on after a failure, call `reportError(_:)` per failed input and finish with
// `throw ExitCode.failure` when any failed.

/// Options every subcommand that prints results accepts.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false
}

/// Prints one error to stderr as `echt: <description>`.
func reportError(_ error: any Error) {
    let text = String(describing: error)
    FileHandle.standardError.write(Data("echt: \(text)\n".utf8))
}

/// Runs `body`; on failure prints the error (see `reportError`) and exits with status 1.
/// ArgumentParser's own exits (`ExitCode`, validation errors) pass through unchanged.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch {
        reportError(error)
        throw ExitCode.failure
    }
}

/// Writes a line to stdout.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
