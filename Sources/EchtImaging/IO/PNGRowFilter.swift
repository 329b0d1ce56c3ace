/// The five PNG row filters (PNG specification §9): each row's bytes are stored as differences
/// from a prediction made out of the already stored neighbours, which compresses better.
public enum PNGRowFilter: UInt8, Sendable, CaseIterable {
    /// Bytes stored as they are.
    case none = 0
    /// Difference from the byte one pixel to the left.
    case sub = 1
    /// Difference from the byte above.
    case up = 2
    /// Difference from the mean of left and above (the smallest cut-outs, measured in BENCHMARKS.md).
    case average = 3
    /// Difference from whichever of left, above and upper-left is nearest to left + above − upper-left.
    case paeth = 4

    /// Writes the filter type byte and the filtered `row` to `out` (`row.count + 1` bytes);
    /// `previous` is the raw row above, nil for the first row. `bytesPerPixel` is the channel count.
    func apply(row: UnsafeBufferPointer<UInt8>, previous: UnsafeBufferPointer<UInt8>?, bytesPerPixel bpp: Int,
               into out: UnsafeMutableBufferPointer<UInt8>) {
        out[0] = rawValue
        let count = row.count
        let head = min(bpp, count)
        switch self {
        case .none:
            for i in 0..<count { out[i + 1] = row[i] }
        case .sub:
            for i in 0..<head { out[i + 1] = row[i] }
            for i in head..<count { out[i + 1] = row[i] &- row[i - bpp] }
        case .up:
            guard let previous else { for i in 0..<count { out[i + 1] = row[i] }; return }
            for i in 0..<count { out[i + 1] = row[i] &- previous[i] }
        case .average:
            guard let previous else {
                for i in 0..<head { out[i + 1] = row[i] }
                for i in head..<count { out[i + 1] = row[i] &- row[i - bpp] >> 1 }
                return
            }
            for i in 0..<head { out[i + 1] = row[i] &- previous[i] >> 1 }
            // Sixteen bytes at a time: ⌊(left + above) / 2⌋ is (left & above) + ((left ^ above) >> 1)
            // in eight bits, so every byte is the one the sum in sixteen bits gives.
            typealias Bytes = SIMD16<UInt8>
            var i = head
            if let r = row.baseAddress, let p = previous.baseAddress, let o = out.baseAddress {
                let raw = UnsafeRawPointer(r), above = UnsafeRawPointer(p), target = UnsafeMutableRawPointer(o + 1)
                while i + 16 <= count {
                    let left = raw.loadUnaligned(fromByteOffset: i - bpp, as: Bytes.self)
                    let up = above.loadUnaligned(fromByteOffset: i, as: Bytes.self)
                    let mean = (left & up) &+ ((left ^ up) &>> 1)
                    target.storeBytes(of: raw.loadUnaligned(fromByteOffset: i, as: Bytes.self) &- mean, toByteOffset: i, as: Bytes.self)
                    i += 16
                }
            }
            while i < count {
                out[i + 1] = row[i] &- UInt8(truncatingIfNeeded: (UInt16(row[i - bpp]) &+ UInt16(previous[i])) >> 1)
                i += 1
            }
        case .paeth:
            // Without a row above, Paeth predicts from the left byte alone (above = upper-left = 0).
            guard let previous else {
                for i in 0..<head { out[i + 1] = row[i] }
                for i in head..<count { out[i + 1] = row[i] &- row[i - bpp] }
                return
            }
            for i in 0..<head { out[i + 1] = row[i] &- previous[i] }
            for i in head..<count {
                out[i + 1] = row[i] &- Self.paethPredictor(left: row[i - bpp], above: previous[i], upperLeft: previous[i - bpp])
            }
        }
    }

    /// The Paeth predictor: the neighbour closest to left + above − upper-left (ties: left, above).
    @inline(__always)
    static func paethPredictor(left: UInt8, above: UInt8, upperLeft: UInt8) -> UInt8 {
        let a = Int(left), b = Int(above), c = Int(upperLeft)
        let p = a + b - c
        let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        if pa <= pb && pa <= pc { return left }
        return pb <= pc ? above : upperLeft
    }
}
