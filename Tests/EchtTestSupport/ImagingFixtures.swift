import EchtImaging
import Foundation

/// Image comparisons and scratch folders shared by tests.
public enum ImageCompare {
    /// Peak signal-to-noise ratio in dB between two same-sized images, computed on 8-bit
    /// sRGB-encoded values (peak 255); `.infinity` when identical.
    public static func psnr(_ a: Image, _ b: Image) -> Double {
        precondition(a.width == b.width && a.height == b.height && a.channels == b.channels,
                     "expected equal shapes but received \(a.width)x\(a.height)x\(a.channels) and \(b.width)x\(b.height)x\(b.channels)")
        let x = a.srgbBytes(), y = b.srgbBytes()
        var sum = 0.0
        for i in 0..<x.count {
            let d = Double(x[i]) - Double(y[i])
            sum += d * d
        }
        let mse = sum / Double(x.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// Largest absolute sample difference.
    public static func maxDifference(_ a: Image, _ b: Image) -> Float {
        precondition(a.pixels.count == b.pixels.count, "expected equal sample counts")
        return zip(a.pixels, b.pixels).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

/// A fresh temporary folder, removed when the value is released.
public final class ScratchFolder: Sendable {
    /// The folder's URL.
    public let url: URL

    /// Creates `/tmp/echt-tests-<name>-<uuid>/`.
    public init(_ name: String = "scratch") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("echt-tests-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A file URL inside the folder.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
