import CVipsShim

/// Corrects libvips' hand-over from the ICC connection space to scRGB.
///
/// ICC profiles describe colour relative to a D50 white; libvips maps that D50 XYZ onto its
/// D65 XYZ by scaling each axis, which is not the Bradford adaptation the profiles' colorants
/// were built with, so saturated colours come out a few percent off (P3 blue gained -0.12
/// red). The error is one fixed 3x3 map on linear RGB, so it is measured once: the sRGB
/// primaries, tagged with libvips' own sRGB profile, must come out as the identity. The
/// inverse of what they do come out as is applied to every ICC-converted pixel.
enum PCSCorrection {
    /// Row-major 3x3 matrix, or `nil` when the measurement failed (then nothing is corrected).
    static let matrix: [Float]? = measure()

    /// Applies the correction in place to interleaved RGB samples.
    static func apply(to samples: inout [Float]) {
        guard let m = matrix else { return }
        samples.withUnsafeMutableBufferPointer { buffer in
            for i in stride(from: 0, to: buffer.count, by: 3) {
                let r = buffer[i], g = buffer[i + 1], b = buffer[i + 2]
                buffer[i] = m[0] * r + m[1] * g + m[2] * b
                buffer[i + 1] = m[3] * r + m[4] * g + m[5] * b
                buffer[i + 2] = m[6] * r + m[7] * g + m[8] * b
            }
        }
    }

    private static func measure() -> [Float]? {
        guard let profile = VipsRuntime.builtInProfile("srgb") else { return nil }
        let primaries: [UInt16] = [65535, 0, 0, 0, 65535, 0, 0, 0, 65535]
        do {
            let probe = try primaries.withUnsafeBytes { raw throws(ImagingError) in
                try VipsImageRef.fromMemory(raw, width: 3, height: 1, bands: 3, format: Int32(ECHT_FORMAT_USHORT),
                                            interpretation: Int32(ECHT_INTERPRETATION_RGB16), source: "sRGB primaries")
            }
            probe.set("icc-profile-data", blob: profile)
            let out = try probe.iccImported(fallbackProfile: "srgb").colourspace(Int32(ECHT_INTERPRETATION_scRGB)).floatPixels()
            // Column j of the measured map is the output for primary j.
            let measured = (0..<3).map { r in (0..<3).map { c in Double(out[c * 3 + r]) } }
            return inverse(measured)?.flatMap { row in row.map { Float($0) } }
        } catch {
            return nil
        }
    }

    private static func inverse(_ m: [[Double]]) -> [[Double]]? {
        let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        guard abs(det) > 1e-9 else { return nil }
        func cof(_ r: Int, _ c: Int) -> Double {
            let rows = (0..<3).filter { $0 != r }, cols = (0..<3).filter { $0 != c }
            let minor = m[rows[0]][cols[0]] * m[rows[1]][cols[1]] - m[rows[0]][cols[1]] * m[rows[1]][cols[0]]
            return ((r + c) % 2 == 0 ? 1 : -1) * minor
        }
        return (0..<3).map { r in (0..<3).map { c in cof(c, r) / det } }
    }
}
