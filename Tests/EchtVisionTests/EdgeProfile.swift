import EchtImaging
@testable import EchtVision

/// Alpha and photo sampled along a short line across an outline, from inside the person to
/// outside: where the alpha transition sits, how wide it is, and where the photo's edge is.
struct EdgeProfile {
    /// Sample spacing in pixels.
    static let step: Float = 0.25
    /// Alpha along the line (bilinear).
    var alpha: [Float]
    /// sRGB luma of the photo along the line (bilinear).
    var luma: [Float]

    /// Samples `alpha` (1 channel) and `photo` (3 channels, linear) of the same size from `start` to `end`.
    init(alpha image: Image, photo: Image, from start: SIMD2<Float>, to end: SIMD2<Float>) {
        let length = ((end - start) * (end - start)).sum().squareRoot()
        let count = Int(length / Self.step) + 1
        func sample(_ image: Image, _ p: SIMD2<Float>, _ k: Int) -> Float {
            let x = min(max(p.x - 0.5, 0), Float(image.width - 1)), y = min(max(p.y - 0.5, 0), Float(image.height - 1))
            let x0 = Int(x), y0 = Int(y), x1 = min(x0 + 1, image.width - 1), y1 = min(y0 + 1, image.height - 1)
            let fx = x - Float(x0), fy = y - Float(y0), c = image.channels
            func at(_ xx: Int, _ yy: Int) -> Float { image.pixels[(yy * image.width + xx) * c + k] }
            let top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * fx, bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * fx
            return top + (bottom - top) * fy
        }
        var a: [Float] = [], l: [Float] = []
        for s in 0..<count {
            let p = start + (end - start) * (Float(s) / Float(max(count - 1, 1)))
            a.append(sample(image, p, 0))
            let rgb = (0..<3).map { SRGB.encode(min(max(sample(photo, p, $0), 0), 1)) }
            l.append(0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2])
        }
        self.alpha = a; luma = l
    }

    /// Position (pixels from the start) where alpha first falls below `level`, interpolated.
    func crossing(_ level: Float) -> Float? {
        for s in 1..<alpha.count where alpha[s - 1] >= level && alpha[s] < level {
            let f = (alpha[s - 1] - level) / max(alpha[s - 1] - alpha[s], 1e-6)
            return (Float(s - 1) + f) * Self.step
        }
        return nil
    }

    /// The 10–90 % width of the alpha transition in pixels (nil when alpha does not span it).
    var width: Float? {
        guard let high = crossing(0.9), let low = crossing(0.1) else { return nil }
        return low - high
    }

    /// Position of the photo's strongest luma gradient (over a 1 px difference), pixels from the start.
    var photoEdge: Float {
        let span = Int(1 / Self.step)
        var best: Float = -1, at = 0
        for s in 0..<(luma.count - span) where abs(luma[s + span] - luma[s]) > best { best = abs(luma[s + span] - luma[s]); at = s }
        return (Float(at) + Float(span) / 2) * Self.step
    }

    /// The 10–90 % width of the photo's own luma edge along the line, in pixels.
    var photoWidth: Float {
        let lo = luma.min()!, hi = luma.max()!, rising = luma.last! > luma.first!
        func first(_ level: Float) -> Float {
            let t = lo + (hi - lo) * level
            for s in 1..<luma.count where rising ? (luma[s - 1] < t && luma[s] >= t) : (luma[s - 1] > t && luma[s] <= t) { return Float(s) * Self.step }
            return 0
        }
        return abs(rising ? first(0.9) - first(0.1) : first(0.1) - first(0.9))
    }

    /// Distance from the alpha's 50 % crossing to the photo's edge (nil without a crossing).
    var offset: Float? { crossing(0.5).map { abs($0 - photoEdge) } }
}
