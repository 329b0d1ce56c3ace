import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// A rectangle of an image's pixels: origin (`x0`, `y0`) and size.
struct PixelWindow: Sendable, Equatable {
    var x0: Int, y0: Int, width: Int, height: Int

    /// The box `x0..<x1, y0..<y1` grown by `pad` on every side and clipped to a `width`×`height` image.
    static func around(_ box: (x0: Int, y0: Int, x1: Int, y1: Int), pad: Int, width: Int, height: Int) -> PixelWindow {
        let x0 = max(0, box.x0 - pad), y0 = max(0, box.y0 - pad)
        return PixelWindow(x0: x0, y0: y0, width: min(width, box.x1 + pad) - x0, height: min(height, box.y1 + pad) - y0)
    }

    /// The smallest window holding both.
    func union(_ other: PixelWindow) -> PixelWindow {
        let x0 = min(self.x0, other.x0), y0 = min(self.y0, other.y0)
        return PixelWindow(x0: x0, y0: y0, width: max(self.x0 + width, other.x0 + other.width) - x0,
                           height: max(self.y0 + height, other.y0 + other.height) - y0)
    }

    /// Whether `other` lies inside this window.
    func contains(_ other: PixelWindow) -> Bool {
        other.x0 >= x0 && other.y0 >= y0 && other.x0 + other.width <= x0 + width && other.y0 + other.height <= y0 + height
    }
}

/// log(luminance + 0.002) over a window of an image: the exposure-free plane the texture and the
/// geometry measures read. The headshot's is formed once over the face for both of them.
struct LogLuminance {
    /// The window, in image pixels.
    let window: PixelWindow
    /// One value per pixel of the window, row by row.
    let values: [Float]

    /// The plane of `image` (RGB: Rec. 709 luminance; one channel: that channel) over `window`,
    /// which lies inside the image.
    init(_ image: Image, window: PixelWindow) {
        precondition(PixelWindow(x0: 0, y0: 0, width: image.width, height: image.height).contains(window), "window outside the image")
        let c = image.channels, w = window.width, n = window.width * window.height
        values = [Float](unsafeUninitializedCapacity: n) { out, count in
            image.pixels.withUnsafeBufferPointer { src in
                // Every index lies inside the window, which lies inside the image.
                for y in 0..<window.height {
                    let row = ((window.y0 + y) * image.width + window.x0) * c, line = y * w
                    for x in 0..<w {
                        let s = row &+ x &* c
                        let l = c >= 3 ? SRGB.luminance(src[s], src[s &+ 1], src[s &+ 2]) : src[s]
                        out[line &+ x] = logf(max(l, 0) + 2e-3)
                    }
                }
            }
            count = n
        }
        self.window = window
    }

    /// A plane of `values` (log luminance, row by row) over `window`.
    init(window: PixelWindow, values: [Float]) {
        precondition(values.count == window.width * window.height, "one value per pixel of the window")
        self.window = window; self.values = values
    }

    /// The index in `values` of the first pixel of row `y` of `part` (inside this plane's window).
    func rowStart(_ y: Int, of part: PixelWindow) -> Int {
        (part.y0 - window.y0 + y) * window.width + part.x0 - window.x0
    }

    /// The values over `part`, which lies inside this plane's window.
    func values(in part: PixelWindow) -> [Float] {
        precondition(window.contains(part), "part outside the plane")
        if part == window { return values }
        return [Float](unsafeUninitializedCapacity: part.width * part.height) { out, count in
            values.withUnsafeBufferPointer { src in
                for y in 0..<part.height {
                    let from = src.baseAddress! + (part.y0 - window.y0 + y) * window.width + part.x0 - window.x0
                    (out.baseAddress! + y * part.width).initialize(from: from, count: part.width)
                }
            }
            count = part.width * part.height
        }
    }
}
