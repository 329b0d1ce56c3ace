import Foundation

/// Locations of test fixtures shared by every test target.
public enum Fixtures {
    /// The developer photo folder `shared/photos/dev`, if present (see `shared(_:)`).
    public static var devPhotos: URL? { shared("photos/dev") }

    /// The shared docs folder `shared/docs` (golden tensors, C2PA vectors), if present:
    /// `ECHT_SHARED_DOCS`, or found as for `shared(_:)`.
    public static var sharedDocs: URL? {
        if let env = ProcessInfo.processInfo.environment["ECHT_SHARED_DOCS"], !env.isEmpty,
           FileManager.default.fileExists(atPath: env) {
            return URL(fileURLWithPath: env)
        }
        return shared("docs")
    }

    /// `shared/<path>` beside the checkout or beside any folder above it (a git worktree sits
    /// deeper than the main checkout), if it exists.
    public static func shared(_ path: String) -> URL? {
        var url = repositoryRoot
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("shared").appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The model directory: `ECHT_MODELS` or `~/.cache/echt/models`.
    public static var modelsDirectory: URL {
        if let env = ProcessInfo.processInfo.environment["ECHT_MODELS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/echt/models")
    }

    /// The bundled sample portrait fetched by `make setup`.
    public static var samplePortrait: URL {
        modelsDirectory.deletingLastPathComponent().appendingPathComponent("samples/astronaut.png")
    }

    /// The checkout's root folder (the one holding Package.swift).
    public static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}
