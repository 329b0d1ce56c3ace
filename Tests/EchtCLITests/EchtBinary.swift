import EchtTestSupport
import Foundation

/// Runs the built `echt` executable and captures what it prints.
struct EchtBinary {
    /// The result of one run.
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `echt` beside the test bundle in the build products folder (or `ECHT_BINARY`).
    static func locate() -> URL? {
        if let path = ProcessInfo.processInfo.environment["ECHT_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var candidates = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for folder in candidates {
            var url = folder
            // Walk up a few levels: on macOS the test bundle sits inside a .xctest folder.
            for _ in 0..<4 {
                let binary = url.appendingPathComponent("echt")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: binary.path) {
                    return binary
                }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }

    /// Runs `echt` with `arguments`.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        guard let binary = locate() else { throw CLITestError("the echt binary was not found next to the test bundle; run `swift build` first") }
        let output = try ChildProcess.run(binary, arguments, environment: environment)
        return Run(status: output.status,
                   stdout: String(decoding: output.stdout, as: UTF8.self),
                   stderr: String(decoding: output.stderr, as: UTF8.self))
    }
}

/// A CLI test precondition that did not hold.
struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
