import Foundation

/// Locations of test fixtures shared by every test target.
public enum Fixtures {
    /// The developer photo folder `../shared/photos/dev` beside the checkout, if present.
    public static var devPhotos: URL? {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/photos/dev")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The shared docs folder `../shared/docs` (golden tensors, C2PA vectors), if present.
    public static var sharedDocs: URL? {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/docs")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
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
