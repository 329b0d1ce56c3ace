import Foundation
import CVipsShim

/// Starts libvips once per process and turns its error buffer into `ImagingError`s.
enum VipsRuntime {
    /// libvips' start-up result; evaluated once, thread-safely, on first use.
    private static let startError: String? = {
        if echt_vips_init() == 0 { return nil }
        return takeError()
    }()

    /// Starts libvips if needed; throws when libvips cannot start.
    static func start() throws(ImagingError) {
        if let message = startError {
            throw .operationFailed(operation: "init", source: "libvips", detail: message)
        }
    }

    /// Reads libvips' error buffer and clears it at once.
    static func takeError() -> String {
        guard let pointer = echt_vips_take_error() else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// One of libvips' built-in ICC profiles ("srgb", "p3", "cmyk") as bytes.
    static func builtInProfile(_ name: String) -> Data? {
        guard (try? start()) != nil else { return nil }
        var data: UnsafeMutableRawPointer?
        var length = 0
        guard echt_profile_load(name, &data, &length) == 0, let data else {
            _ = takeError()
            return nil
        }
        defer { echt_free(data) }
        return Data(bytes: data, count: length)
    }
}
