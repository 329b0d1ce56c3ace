import EchtImaging
import EchtVision
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The thin plain lines a scanner leaves along a photo's edges, which a frame that reaches the
/// photo's sides must keep out.
///
/// The red-hat Kodak scan (512×768) has 2–4 grey or black lines on every side (sRGB 99 or 0, the
/// same along the whole edge), where the picture itself varies by 30–50 levels along every
/// line. A frame spanning the photo's width (`FrameFit`, shoulders running off both sides) showed
/// them as a grey strip beside the shoulder. A side's border is the lines from the edge inwards
/// that are each the same colour along their length; when the plain lines run on for more than
/// `widest` of the photo, they are the picture's own plain backdrop, not a border.
enum ScanBorder {
    /// Largest spread (standard deviation, sRGB levels 0–255, any channel) along a border line.
    static let plainest: Float = 12
    /// Share of the photo's width (height) at or beyond which plain lines are the picture's own.
    static let widest = 0.02

    /// The photo's picture inside its border lines (the whole photo where it has none).
    static func picture(of image: Image) -> PixelRect {
        let w = image.width, h = image.height
        func plain(_ count: Int, _ pixel: (Int) -> Int) -> Bool {
            let channels = min(image.channels, 3)
            for c in 0..<channels {
                var sum: Float = 0, squares: Float = 0
                for k in 0..<count {
                    let v = powf(max(image.pixels[pixel(k) * image.channels + c], 0), 1 / 2.2) * 255
                    sum += v; squares += v * v
                }
                let mean = sum / Float(count)
                if (max(squares / Float(count) - mean * mean, 0)).squareRoot() >= plainest { return false }
            }
            return true
        }
        // The border lines of one side: `line(n)` is the n-th line from the edge, `length` long,
        // `depth` the photo's size across the lines.
        func lines(depth: Int, length: Int, _ line: (Int) -> (Int) -> Int) -> Int {
            let limit = Int(Double(depth) * widest)
            var n = 0
            while n <= limit, plain(length, line(n)) { n += 1 }
            return n > limit ? 0 : n
        }
        let left = lines(depth: w, length: h) { x in { y in y * w + x } }
        let right = lines(depth: w, length: h) { x in { y in y * w + w - 1 - x } }
        let top = lines(depth: h, length: w) { y in { x in y * w + x } }
        let bottom = lines(depth: h, length: w) { y in { x in (h - 1 - y) * w + x } }
        guard left + right < w, top + bottom < h else { return PixelRect(minX: 0, minY: 0, maxX: Float(w), maxY: Float(h)) }
        return PixelRect(minX: Float(left), minY: Float(top), maxX: Float(w - right), maxY: Float(h - bottom))
    }
}
