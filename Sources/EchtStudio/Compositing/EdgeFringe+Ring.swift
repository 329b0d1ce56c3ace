import EchtImaging

extension EdgeFringe {
    /// Visits, row by row, every pixel of the ring just outside the person (`alpha` < 0.5) whose
    /// chamfer distance (steps 1 and √2) to a person pixel (`alpha` ≥ 0.5) is at most 4: the
    /// pixels `DistanceField.chamfer` of the non-person map puts in (0, 4]. A chamfer distance of at
    /// most 4 is an offset (dx, dy) with |dx| ≤ 4 when dy = 0, ≤ 3 when |dy| ≤ 2, ≤ 2 when
    /// |dy| = 3 and 0 when |dy| = 4 (3 + √2, 2√2 + 2 and 3√2 all exceed 4), so the ring is the
    /// person dilated by that octagon, less the person: done on rows of bits, 64 pixels a word.
    static func ring(_ alpha: Image, _ visit: (Int) -> Void) {
        let width = alpha.width, height = alpha.height, words = (width + 63) / 64
        guard width > 0, height > 0 else { return }
        // The person's bits, then those dilated along rows by 2, 3 and 4 pixels.
        var person = [UInt64](repeating: 0, count: words * height)
        alpha.pixels.withUnsafeBufferPointer { a in
            person.withUnsafeMutableBufferPointer { p in
                // Eight pixels at a time: each compare's lanes pick their bit, and the bits add up to a byte.
                let weights = SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128), none = SIMD8<Int32>(repeating: 0)
                let raw = UnsafeRawPointer(a.baseAddress!)
                for y in 0..<height {
                    for w in 0..<words {
                        let start = y * width + w * 64, count = min(64, width - w * 64)
                        var bits: UInt64 = 0, b = 0
                        while b + 8 <= count {
                            let v = raw.loadUnaligned(fromByteOffset: (start + b) * 4, as: SIMD8<Float>.self)
                            bits |= UInt64(UInt8(truncatingIfNeeded: none.replacing(with: weights, where: v .>= 0.5).wrappedSum())) << UInt64(b)
                            b += 8
                        }
                        while b < count { if a[start + b] >= 0.5 { bits |= 1 << UInt64(b) }; b += 1 }
                        p[y * words + w] = bits
                    }
                }
            }
        }
        /// Bits set one pixel either side of `source`'s (bits past the frame's right edge are
        /// ignored when read out; a pixel past them is never nearer than a real one).
        func widened(_ source: [UInt64]) -> [UInt64] {
            var out = source
            for y in 0..<height {
                for w in 0..<words {
                    let i = y * words + w, v = source[i]
                    let fromLeft = w > 0 ? source[i - 1] >> 63 : 0, fromRight = w + 1 < words ? source[i + 1] << 63 : 0
                    out[i] = v | v << 1 | v >> 1 | fromLeft | fromRight
                }
            }
            return out
        }
        let dilated2 = widened(widened(person)), dilated3 = widened(dilated2), dilated4 = widened(dilated3)
        let lastBits = width % 64 == 0 ? UInt64.max : (1 << UInt64(width % 64)) - 1
        person.withUnsafeBufferPointer { p0 in
            dilated2.withUnsafeBufferPointer { p2 in
                dilated3.withUnsafeBufferPointer { p3 in
                    dilated4.withUnsafeBufferPointer { p4 in
                        // Per row offset |dy| 0...4, the row dilation it takes.
                        let reach = [p4, p3, p3, p2, p0]
                        for y in 0..<height {
                            for w in 0..<words {
                                var bits: UInt64 = 0
                                for dy in max(-4, -y)...min(4, height - 1 - y) { bits |= reach[abs(dy)][(y + dy) * words + w] }
                                bits &= ~p0[y * words + w]
                                if w == words - 1 { bits &= lastBits }
                                while bits != 0 {
                                    visit(y * width + w * 64 + bits.trailingZeroBitCount)
                                    bits &= bits - 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
