/// Linear float samples to 8-bit sRGB codes, sixteen at a time: the same arithmetic as
/// `SRGBTransfer.byte(fromLinear:)` (clamp, NaN to 0, index `x * 65535 + 0.5` into the transfer
/// table) and, for alpha, `(x * 255).rounded()` on the clamped value, so every byte is the
/// scalar path's. The clamping and index arithmetic run on SIMD lanes (float → integer by the
/// 2²³ trick, since the standard library's SIMD conversion is a slow per-lane loop); only the
/// table loads stay scalar. About twice as fast as the scalar loop on a 1920×2400 RGBA image.
enum SRGBByteEncoder {
    /// Writes `source.count` codes to `out`: colour through the transfer table, the 4th sample of
    /// each pixel kept linear (alpha) when `channels` is 4 or more. `out` must hold `source.count` bytes.
    static func encode(_ source: UnsafeBufferPointer<Float>, channels: Int, into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= source.count, "output buffer too small")
        SRGBTransfer.byteFromLinear.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            guard let src = source.baseAddress, let dst = out.baseAddress else { return }
            let count = source.count
            // Pixels of 4 channels line up with 16-sample blocks (alpha in lanes 3, 7, 11, 15);
            // other layouts with alpha go sample by sample.
            let hasAlpha = channels >= 4
            let vectorised = !hasAlpha || channels == 4
            var i = 0
            if vectorised {
                withUnsafeTemporaryAllocation(of: SIMD16<Int32>.self, capacity: 1) { block in
                    let index = UnsafeRawPointer(block.baseAddress!).assumingMemoryBound(to: Int32.self)
                    let alphaLanes = SIMD16<UInt8>(0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1) .== 1
                    while i + 16 <= count {
                        let samples = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD16<Float>.self)
                        block[0] = tableIndices(samples)
                        var codes = SIMD16<UInt8>(
                            table[Int(index[0])], table[Int(index[1])], table[Int(index[2])], table[Int(index[3])],
                            table[Int(index[4])], table[Int(index[5])], table[Int(index[6])], table[Int(index[7])],
                            table[Int(index[8])], table[Int(index[9])], table[Int(index[10])], table[Int(index[11])],
                            table[Int(index[12])], table[Int(index[13])], table[Int(index[14])], table[Int(index[15])])
                        if hasAlpha { codes.replace(with: alphaCodes(samples), where: alphaLanes) }
                        UnsafeMutableRawPointer(dst + i).storeBytes(of: codes, as: SIMD16<UInt8>.self)
                        i += 16
                    }
                }
            }
            while i < count {
                dst[i] = hasAlpha && i % channels == 3 ? alphaCode(src[i]) : colourCode(src[i], table: table)
                i += 1
            }
        }
    }

    /// Writes `alpha.count` RGBA pixels to `out` from colour samples `rgb` (3 per pixel) and a
    /// separate alpha plane: the bytes `encode(_:channels:into:)` gives for the same samples
    /// interleaved as RGBA, without building that float image, except that a pixel whose alpha
    /// code is 0 (fully transparent, so its colour is never seen) gets colour 0 as well
    /// (`TransparentColour`): long runs of zeros, which deflate faster and smaller. A block of
    /// sixteen transparent pixels skips the table look-ups. `out` must hold `4 * alpha.count` bytes.
    static func encode(rgb: UnsafeBufferPointer<Float>, alpha: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<UInt8>) {
        let pixels = alpha.count
        precondition(rgb.count == pixels * 3 && out.count >= pixels * 4, "colour, alpha and output sizes differ")
        guard pixels > 0, let colour = rgb.baseAddress, let coverage = alpha.baseAddress, let dst = out.baseAddress else { return }
        SRGBTransfer.byteFromLinear.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            withUnsafeTemporaryAllocation(of: SIMD16<Int32>.self, capacity: 3) { blocks in
                let indices = UnsafeMutableRawPointer(blocks.baseAddress!).assumingMemoryBound(to: Int32.self)
                var p = 0
                while p + 16 <= pixels {
                    let codes = alphaCodes(UnsafeRawPointer(coverage + p).loadUnaligned(as: SIMD16<Float>.self))
                    let d = dst + p * 4
                    if codes == .zero {
                        UnsafeMutableRawPointer(d).initializeMemory(as: UInt8.self, repeating: 0, count: 64)
                        p += 16
                        continue
                    }
                    let source = UnsafeRawPointer(colour + p * 3)
                    for k in 0..<3 {
                        blocks[k] = tableIndices(source.loadUnaligned(fromByteOffset: k * 64, as: SIMD16<Float>.self))
                    }
                    // 0xFF keeps a pixel's colour, 0 clears it (alpha code 0).
                    let keep = SIMD16<UInt8>(repeating: 0xFF).replacing(with: 0, where: codes .== 0)
                    for j in 0..<16 {
                        d[j * 4] = table[Int(indices[j * 3])] & keep[j]
                        d[j * 4 + 1] = table[Int(indices[j * 3 + 1])] & keep[j]
                        d[j * 4 + 2] = table[Int(indices[j * 3 + 2])] & keep[j]
                        d[j * 4 + 3] = codes[j]
                    }
                    p += 16
                }
                while p < pixels {
                    let code = alphaCode(coverage[p])
                    for c in 0..<3 { dst[p * 4 + c] = code == 0 ? 0 : colourCode(colour[p * 3 + c], table: table) }
                    dst[p * 4 + 3] = code
                    p += 1
                }
            }
        }
    }

    /// Clamped to 0...1 (NaN and negatives to 0), scaled to the table's 65 535 steps plus 0.5,
    /// truncated: `Int(clamped * 65535 + 0.5)` lane by lane.
    @_transparent
    private static func tableIndices(_ v: SIMD16<Float>) -> SIMD16<Int32> {
        let y = clamped(v) * 65535 + 0.5
        let nearest = roundedToNearestEven(y)
        return integers(nearest.replacing(with: nearest - 1, where: nearest .> y))
    }

    /// Alpha codes: the clamped value times 255, rounded to nearest with ties away from zero
    /// (`Float.rounded()`).
    @inline(__always)
    private static func alphaCodes(_ v: SIMD16<Float>) -> SIMD16<UInt8> {
        let y = clamped(v) * 255
        let nearest = roundedToNearestEven(y)
        return SIMD16<UInt8>(truncatingIfNeeded: integers(nearest.replacing(with: nearest + 1, where: y - nearest .== 0.5)))
    }

    /// 0...1, with NaN and negatives to 0.
    @inline(__always)
    private static func clamped(_ v: SIMD16<Float>) -> SIMD16<Float> {
        var clamped = v.replacing(with: 0, where: .!(v .> 0))
        clamped.replace(with: 1, where: clamped .> 1)
        return clamped
    }

    /// The nearest integer (ties to even) of values in 0...2²²: adding 2²³ leaves no fraction
    /// bits, so the addition rounds, and subtracting it again is exact.
    @inline(__always)
    private static func roundedToNearestEven(_ y: SIMD16<Float>) -> SIMD16<Float> {
        let shift = SIMD16<Float>(repeating: 8_388_608)
        return (y + shift) - shift
    }

    /// Whole numbers 0...2²² as integers: after adding 2²³ they are the low mantissa bits.
    @inline(__always)
    private static func integers(_ whole: SIMD16<Float>) -> SIMD16<Int32> {
        unsafeBitCast(whole + SIMD16<Float>(repeating: 8_388_608), to: SIMD16<Int32>.self) & 0x7F_FFFF
    }

    @inline(__always)
    private static func colourCode(_ value: Float, table: UnsafePointer<UInt8>) -> UInt8 {
        let clamped = value.isNaN ? 0 : min(max(value, 0), 1)
        return table[Int(clamped * 65535 + 0.5)]
    }

    @inline(__always)
    private static func alphaCode(_ value: Float) -> UInt8 {
        let clamped = value.isNaN ? 0 : min(max(value, 0), 1)
        return UInt8((clamped * 255).rounded())
    }
}
