import EchtImaging
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Separable blurs on interleaved float buffers with clamped edges. A Gaussian is approximated
/// by three box passes (Kovesi's radii), so the cost per pixel does not grow with the radius.
/// All horizontal passes run on one row at a time and all vertical passes on one strip of
/// columns at a time, so each pixel is read from and written to memory once per direction.
enum Blur {
    /// A Gaussian blur of standard deviation `sigma` pixels.
    static func gaussian(_ image: Image, sigma: Float) -> Image {
        var copy = image
        gaussianInPlace(&copy.pixels, width: image.width, height: image.height, channels: image.channels, sigma: sigma)
        return copy
    }

    /// A Gaussian blur in place.
    static func gaussianInPlace(_ data: inout [Float], width: Int, height: Int, channels: Int, sigma: Float) {
        guard sigma > 0.3, width > 0, height > 0 else { return }
        let radii = boxRadii(sigma: sigma).filter { $0 > 0 }
        guard !radii.isEmpty else { return }
        data.withUnsafeMutableBufferPointer { buf in
            horizontal(buf, width: width, height: height, channels: channels, radii: radii)
            vertical(buf, width: width, height: height, channels: channels, radii: radii)
        }
    }

    /// A wide Gaussian blur computed on a copy shrunk by an integer factor and upsampled
    /// bilinearly: for smooth results (masks, backdrops, base layers) whose `sigma` is many
    /// pixels. Equal to `gaussian` within a small fraction of a level when `sigma` ≥ 8 × factor.
    static func gaussianReduced(_ image: Image, sigma: Float) -> Image {
        gaussianReducedSmall(image, sigma: sigma).full()
    }

    /// `gaussianReduced` before its upsampling: the blurred small copy, for passes that read it
    /// back pixel by pixel (`ReducedImage.taps`) instead of storing it at full size. With
    /// factor 1 it is the full-size `gaussian`.
    static func gaussianReducedSmall(_ image: Image, sigma: Float) -> ReducedImage {
        let factor = min(max(Int(sigma / 8), 1), 8)
        guard factor > 1 else { return ReducedImage(gaussian(image, sigma: sigma)) }
        let f = Float(factor)
        // The box shrink and the bilinear upsample add about f²/4 of variance (in full pixels).
        let smallSigma = max(sigma * sigma - f * f / 4, 1).squareRoot() / f
        let small = gaussian(Warp.downsampleBox(image, factor: factor), sigma: smallSigma)
        return ReducedImage(small: small, factor: factor, width: image.width, height: image.height)
    }

    /// How far, in pixels, a `gaussian` of `sigma` reaches along each axis: a pixel farther than
    /// this from a window's inner edges blurs the same inside the window as in the whole image.
    static func reach(sigma: Float) -> Int {
        guard sigma > 0.3 else { return 0 }
        return boxRadii(sigma: sigma).reduce(0, +)
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
        guard radius > 0, width > 0, height > 0 else { return }
        data.withUnsafeMutableBufferPointer { buf in
            horizontal(buf, width: width, height: height, channels: channels, radii: [radius])
            vertical(buf, width: width, height: height, channels: channels, radii: [radius])
        }
    }

    /// The box passes along every row: each row is copied into an edge-padded line and the
    /// passes ping-pong between two lines with running sums.
    private static func horizontal(_ buf: UnsafeMutableBufferPointer<Float>, width: Int, height: Int, channels c: Int, radii: [Int]) {
        let maxRadius = radii.max()!
        let padded = (width + 2 * maxRadius) * c
        let line = UnsafeMutablePointer<Float>.allocate(capacity: padded)
        let out = UnsafeMutablePointer<Float>.allocate(capacity: width * c)
        defer { line.deallocate(); out.deallocate() }
        let base = buf.baseAddress!
        var first = 0
        if c == 1 {
            // One channel is one chain of dependent additions per row: run rows in pairs.
            first = height - height % 2
            let second = UnsafeMutablePointer<Float>.allocate(capacity: padded)
            defer { second.deallocate() }
            // Two rows of +0 only (a mask's empty rows) blur to themselves: every sum is of +0.
            for y in stride(from: 0, to: first, by: 2) where !allPositiveZero(base + y * width, count: 2 * width) {
                rowPair(base + y * width, width: width, radii: radii, lines: (line, second))
            }
        } else if c == 3 || c == 4 {
            // Three or four channels: one vector of running sums per row, two rows at a time.
            first = height - height % 2
            let buffers = (0..<4).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: padded + 1) }
            defer { buffers.forEach { $0.deallocate() } }
            // The lane past the third channel reads one sample past a line's end; keep it defined.
            buffers.forEach { $0.initialize(repeating: 0, count: padded + 1) }
            for y in stride(from: 0, to: first, by: 2) {
                pixelRowPair(base + y * width * c, width: width, channels: c, radii: radii,
                             lines: (buffers[0], buffers[1]), outs: (buffers[2], buffers[3]))
            }
        }
        for y in first..<height {
            let row = base + y * width * c
            out.update(from: row, count: width * c)
            for radius in radii { boxRow(out, width: width, channels: c, radius: radius, line: line, into: out) }
            row.update(from: out, count: width * c)
        }
    }

    /// One row box-blurred along x with `radius`: padded by `radius` edge pixels into `line`
    /// (room for `(width + 2 radius) channels` samples), then a window of 2r + 1 pixels per
    /// channel slid by adding the entering pixel's difference from the leaving one. `row` is
    /// read into `line` before anything is written, so `out` may be `row`. Every box blur of
    /// the studio forms its row sums here, so they agree to the bit.
    @inline(__always)
    static func boxRow(_ row: UnsafePointer<Float>, width: Int, channels c: Int, radius: Int,
                       line: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        // Pad by `radius` with the edge pixels, then slide a window of 2r+1 pixels.
        for x in 0..<radius {
            for k in 0..<c { line[x * c + k] = row[k]; line[(width + radius + x) * c + k] = row[(width - 1) * c + k] }
        }
        (line + radius * c).update(from: row, count: width * c)
        let norm = 1 / Float(2 * radius + 1), span = (2 * radius + 1) * c
        if c == 3 {
            // The three channels' running sums side by side: the same sums in the same
            // order as one channel at a time, but three independent chains per step.
            var s0: Float = 0, s1: Float = 0, s2: Float = 0
            var i = 0
            while i < span { s0 += line[i]; s1 += line[i + 1]; s2 += line[i + 2]; i += 3 }
            out[0] = s0 * norm; out[1] = s1 * norm; out[2] = s2 * norm
            var x = 3
            while x < width * 3 {
                s0 += line[x + span - 3] - line[x - 3]
                s1 += line[x + span - 2] - line[x - 2]
                s2 += line[x + span - 1] - line[x - 1]
                out[x] = s0 * norm; out[x + 1] = s1 * norm; out[x + 2] = s2 * norm
                x += 3
            }
            return
        }
        if c == 4 {
            // Four channels: the four running sums are one vector, each lane the same sums
            // in the same order as one channel at a time.
            var sum = SIMD4<Float>(repeating: 0)
            var i = 0
            while i < span { sum += load4(line + i); i += 4 }
            store4(sum * norm, out)
            var x = 4
            while x < width * 4 {
                sum += load4(line + x + span - 4) - load4(line + x - 4)
                store4(sum * norm, out + x)
                x += 4
            }
            return
        }
        for k in 0..<c {
            var sum: Float = 0
            var i = k
            while i < span { sum += line[i]; i += c }
            out[k] = sum * norm
            var x = c + k
            while x < width * c {
                sum += line[x + span - c] - line[x - c]
                out[x] = sum * norm
                x += c
            }
        }
    }

    @inline(__always)
    private static func load4(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    private static func load4(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
        load4(UnsafePointer(p))
    }

    @inline(__always)
    private static func store4(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
    }

    /// The box passes along two neighbouring rows of three or four channels starting at `rows`:
    /// each row's running sums are one vector (a fourth lane beside three channels is carried
    /// along and never written back), each channel gets the same sums, in the same order, as on
    /// its own. The first pass pads the rows themselves into `lines` and the last writes the
    /// rows, so a row is copied once per pass (into its line) and never whole to or from `outs`.
    /// `lines` and `outs` are scratch lines of at least (`width` + 2 × the largest radius) ×
    /// `channels` + 1 samples.
    private static func pixelRowPair(_ rows: UnsafeMutablePointer<Float>, width: Int, channels c: Int, radii: [Int],
                                     lines: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>),
                                     outs: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)) {
        let (lineA, lineB) = lines, n = width * c
        let a = rows, b = rows + n
        for (index, radius) in radii.enumerated() {
            // This pass reads the rows or the previous pass's output; the last pass writes the rows.
            let (inA, inB) = index == 0 ? (a, b) : outs
            let (outA, outB) = index == radii.count - 1 ? (a, b) : outs
            for x in 0..<radius {
                for k in 0..<c {
                    lineA[x * c + k] = inA[k]; lineA[(width + radius + x) * c + k] = inA[(width - 1) * c + k]
                    lineB[x * c + k] = inB[k]; lineB[(width + radius + x) * c + k] = inB[(width - 1) * c + k]
                }
            }
            (lineA + radius * c).update(from: inA, count: n)
            (lineB + radius * c).update(from: inB, count: n)
            let norm = 1 / Float(2 * radius + 1), span = (2 * radius + 1) * c
            var sumA = SIMD4<Float>(repeating: 0), sumB = SIMD4<Float>(repeating: 0)
            var i = 0
            while i < span { sumA += load4(lineA + i); sumB += load4(lineB + i); i += c }
            // The last pixel is stored lane by lane below: with three channels a vector store
            // would write one sample past the row (the next row, or past the image).
            var x = 0
            while x < n - c {
                // With three channels the fourth lane lands on the next pixel, written next.
                store4(sumA * norm, outA + x); store4(sumB * norm, outB + x)
                sumA += load4(lineA + x + span) - load4(lineA + x)
                sumB += load4(lineB + x + span) - load4(lineB + x)
                x += c
            }
            let lastA = sumA * norm, lastB = sumB * norm
            for k in 0..<c { outA[x + k] = lastA[k]; outB[x + k] = lastB[k] }
        }
    }

    /// The box passes along two neighbouring one-channel rows starting at `rows`, their running
    /// sums side by side: each row gets the same sums, in the same order, as on its own.
    /// `lines` are two scratch lines of at least `width` + 2 × the largest radius.
    private static func rowPair(_ rows: UnsafeMutablePointer<Float>, width: Int, radii: [Int],
                                lines: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)) {
        let (lineA, lineB) = lines
        let a = rows, b = rows + width
        for radius in radii {
            for x in 0..<radius {
                lineA[x] = a[0]; lineA[width + radius + x] = a[width - 1]
                lineB[x] = b[0]; lineB[width + radius + x] = b[width - 1]
            }
            (lineA + radius).update(from: a, count: width)
            (lineB + radius).update(from: b, count: width)
            let norm = 1 / Float(2 * radius + 1), span = 2 * radius + 1
            var sumA: Float = 0, sumB: Float = 0
            for i in 0..<span { sumA += lineA[i]; sumB += lineB[i] }
            a[0] = sumA * norm; b[0] = sumB * norm
            var x = 1
            while x < width {
                sumA += lineA[x + span - 1] - lineA[x - 1]
                sumB += lineB[x + span - 1] - lineB[x - 1]
                a[x] = sumA * norm; b[x] = sumB * norm
                x += 1
            }
        }
    }

    /// The box passes down every column, a strip of columns at a time. The passes ping-pong
    /// between the image and two strip buffers small enough to stay in the core's cache: the
    /// first reads the image's strip, the last writes it back. Edge rows are repeated by
    /// clamping the row index, so each column gets the same sums, in the same order, as a
    /// column padded with copies of its edge rows.
    private static func vertical(_ buf: UnsafeMutableBufferPointer<Float>, width: Int, height: Int, channels c: Int, radii: [Int]) {
        let rowLength = width * c, strip = min(rowLength, 128)
        let first = UnsafeMutablePointer<Float>.allocate(capacity: height * strip)
        let second = UnsafeMutablePointer<Float>.allocate(capacity: height * strip)
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: strip)
        defer { first.deallocate(); second.deallocate(); sums.deallocate() }
        let base = buf.baseAddress!
        var x0 = 0
        while x0 < rowLength {
            let s = min(strip, rowLength - x0)
            // A strip of +0 only (beside a mask's shape) blurs to itself: every sum is of +0.
            if allPositiveZero(base + x0, count: s, rows: height, stride: rowLength) { x0 += strip; continue }
            // Where each pass reads and writes: the image's strip (row stride `rowLength`) or a buffer (stride `strip`).
            var source = (base + x0, rowLength)
            for (index, radius) in radii.enumerated() {
                // The last pass writes the image, unless it also reads it (a single pass).
                let last = index == radii.count - 1 && index > 0
                let target = last ? (base + x0, rowLength) : (index % 2 == 0 ? (first, strip) : (second, strip))
                let (src, srcStride) = source, (dst, dstStride) = target
                @inline(__always) func row(_ y: Int) -> UnsafeMutablePointer<Float> { src + min(max(y, 0), height - 1) * srcStride }
                let norm = 1 / Float(2 * radius + 1)
                sums.initialize(repeating: 0, count: s)
                for k in -radius...radius {
                    let r = row(k)
                    for i in 0..<s { sums[i] += r[i] }
                }
                for y in 0..<height {
                    let o = dst + y * dstStride
                    if y + 1 < height {
                        let add = row(y + radius + 1), sub = row(y - radius)
                        for i in 0..<s { o[i] = sums[i] * norm; sums[i] += add[i] - sub[i] }
                    } else {
                        for i in 0..<s { o[i] = sums[i] * norm }
                    }
                }
                source = target
            }
            if radii.count == 1 {
                for y in 0..<height { (base + x0 + y * rowLength).update(from: first + y * strip, count: s) }
            }
            x0 += strip
        }
    }

    /// Whether `rows` runs of `count` samples, `stride` apart from `start`, are all +0.
    private static func allPositiveZero(_ start: UnsafePointer<Float>, count: Int, rows: Int = 1, stride: Int = 0) -> Bool {
        for r in 0..<rows where !PositiveZero.all(start + r * stride, count: count) { return false }
        return true
    }
}
