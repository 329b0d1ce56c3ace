import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Separable blurs on interleaved float buffers with clamped edges. A Gaussian is approximated
/// by three box passes (Kovesi's radii), so the cost per pixel does not grow with the radius.
enum Blur {
    /// A Gaussian blur of standard deviation `sigma` pixels.
    static func gaussian(_ image: Image, sigma: Float) -> Image {
        var copy = image
        gaussianInPlace(&copy.pixels, width: image.width, height: image.height, channels: image.channels, sigma: sigma)
        return copy
    }

    /// A Gaussian blur in place.
    static func gaussianInPlace(_ data: inout [Float], width: Int, height: Int, channels: Int, sigma: Float) {
        guard sigma > 0.3 else { return }
        for radius in boxRadii(sigma: sigma) where radius > 0 {
            boxInPlace(&data, width: width, height: height, channels: channels, radius: radius)
        }
    }

    /// Radii of three box filters whose cascade has standard deviation `sigma`.
    static func boxRadii(sigma: Float) -> [Int] {
        let n: Float = 3
        let ideal = (12 * sigma * sigma / n + 1).squareRoot()
        var lower = Int(ideal.rounded(.down))
        if lower % 2 == 0 { lower -= 1 }
        let upper = lower + 2
        let wl = Float(lower), m = ((12 * sigma * sigma - n * wl * wl - 4 * n * wl - 3 * n) / (-4 * wl - 4)).rounded()
        return (0..<3).map { Float($0) < m ? (lower - 1) / 2 : (upper - 1) / 2 }
    }

    /// One box filter of half-width `radius` horizontally then vertically.
    static func boxInPlace(_ data: inout [Float], width: Int, height: Int, channels: Int, radius: Int) {
        let rowLength = width * channels
        var scratch = [Float](repeating: 0, count: max(width, height) * channels + 2 * radius * channels + channels)
        let norm = 1 / Float(2 * radius + 1)
        data.withUnsafeMutableBufferPointer { buf in
            scratch.withUnsafeMutableBufferPointer { line in
                // Horizontal: each row through a padded line buffer and a running sum.
                for y in 0..<height {
                    let row = y * rowLength
                    for x in 0..<(width + 2 * radius) {
                        let sx = min(max(x - radius, 0), width - 1)
                        for c in 0..<channels { line[x * channels + c] = buf[row + sx * channels + c] }
                    }
                    for c in 0..<channels {
                        var sum: Float = 0
                        for k in 0..<(2 * radius + 1) { sum += line[k * channels + c] }
                        buf[row + c] = sum * norm
                        for x in 1..<max(width, 1) {
                            sum += line[(x + 2 * radius) * channels + c] - line[(x - 1) * channels + c]
                            buf[row + x * channels + c] = sum * norm
                        }
                    }
                }
            }
            // Vertical: a running sum of whole rows, so memory is read row by row.
            var sums = [Float](repeating: 0, count: rowLength)
            var original = [Float](repeating: 0, count: rowLength * (height))
            original.withUnsafeMutableBufferPointer { orig in
                for i in 0..<(rowLength * height) { orig[i] = buf[i] }
                sums.withUnsafeMutableBufferPointer { s in
                    for k in -radius...radius {
                        let sy = min(max(k, 0), height - 1) * rowLength
                        for i in 0..<rowLength { s[i] += orig[sy + i] }
                    }
                    for y in 0..<height {
                        let row = y * rowLength
                        for i in 0..<rowLength { buf[row + i] = s[i] * norm }
                        let add = min(y + radius + 1, height - 1) * rowLength
                        let sub = max(y - radius, 0) * rowLength
                        for i in 0..<rowLength { s[i] += orig[add + i] - orig[sub + i] }
                    }
                }
            }
        }
    }
}
