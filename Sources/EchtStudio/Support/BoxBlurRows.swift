/// The rows of a window box-blurred with `radius` along rows then down columns (edges
/// extended), made one at a time, top to bottom: the values `Blur.boxInPlace` gives for a copy
/// of the window, without holding the blurred window. Row-blurred lines are kept in a ring of
/// 2r + 2 and the column sums run down the window as in `Blur` (same sums, same order).
///
/// The source pointer must stay valid for the object's life (the caller holds the image's buffer).
final class BoxBlurRows {
    private let source: UnsafePointer<Float>
    private let stride: Int, width: Int, height: Int, channels: Int, radius: Int, rowLength: Int, ringRows: Int
    private let norm: Float
    private let line: UnsafeMutablePointer<Float>, ring: UnsafeMutablePointer<Float>, sums: UnsafeMutablePointer<Float>
    /// The last row-blurred line made (−1: none yet), and the next output row.
    private var made = -1, next = 0

    /// Blurs the `width`×`height` window whose top-left sample is `window`, rows `stride`
    /// samples apart, `channels` interleaved, radius `radius` > 0.
    init(window: UnsafePointer<Float>, stride: Int, width: Int, height: Int, channels: Int, radius: Int) {
        precondition(width > 0 && height > 0 && radius > 0, "empty window or no blur")
        source = window; self.stride = stride; self.width = width; self.height = height; self.channels = channels
        self.radius = radius; rowLength = width * channels; ringRows = 2 * radius + 2
        norm = 1 / Float(2 * radius + 1)
        line = .allocate(capacity: (width + 2 * radius) * channels)
        ring = .allocate(capacity: ringRows * rowLength)
        sums = .allocate(capacity: rowLength)
        // Down the columns: the padded column is line max(0, min(k - r, h - 1)) at k.
        sums.initialize(repeating: 0, count: rowLength)
        for k in 0...(2 * radius) {
            let row = blurredRow(min(max(k - radius, 0), height - 1))
            for i in 0..<rowLength { sums[i] += row[i] }
        }
    }

    deinit { line.deallocate(); ring.deallocate(); sums.deallocate() }

    /// Writes the next output row (`width` × `channels` samples) to `out`; at most `height` calls.
    func nextRow(into out: UnsafeMutablePointer<Float>) {
        precondition(next < height, "past the window's last row")
        for i in 0..<rowLength { out[i] = sums[i] * norm }
        if next + 1 < height {
            let add = blurredRow(min(next + radius + 1, height - 1)), sub = blurredRow(max(next - radius, 0))
            for i in 0..<rowLength { sums[i] += add[i] - sub[i] }
        }
        next += 1
    }

    /// The row-blurred line `j` (0..<height), made in order on first use.
    private func blurredRow(_ j: Int) -> UnsafeMutablePointer<Float> {
        while made < j {
            made += 1
            Blur.boxRow(source + made * stride, width: width, channels: channels, radius: radius,
                        line: line, into: ring + (made % ringRows) * rowLength)
        }
        return ring + (j % ringRows) * rowLength
    }
}
