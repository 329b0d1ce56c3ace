import CVipsShim
import Foundation

/// The conversion of 8-bit RGB through a matrix-shaper ICC profile (Display P3, Adobe RGB and
/// most camera and phone profiles) as three tables: such a profile maps each channel through its
/// own curve and then mixes the three by one matrix, so a pixel's linear colour is the sum of one
/// entry per channel. The tables are measured through the same libvips and lcms conversion as
/// `WorkingSpaceConversion` uses (with `PCSCorrection`), so they hold its values; a profile whose
/// conversion does not split this way (a lookup-table profile: `ICCProfile.isMatrixShaper`) gets no tables and goes the
/// whole way through lcms. Measured once per profile and kept (a batch shares its profiles).
struct ProfileTables: Sendable {
    /// Per channel, 256 entries of 3 linear samples: channel c's code v adds `entries[(c * 256 + v) * 3 ..< +3]`.
    let entries: [Float]
    /// The colour of code (0, 0, 0), to which the entries add.
    let black: SIMD3<Float>

    /// Largest difference allowed between the whole conversion and the tables' sum, on the
    /// probe's mixed colours (linear light, where white is 1). Even for a matrix-shaper profile
    /// the two differ in their last digits: the dev photos' profiles by 2.2e-4 (Adobe RGB),
    /// 2.9e-4 (a compact sRGB-like one) and 1.5e-3 (Display P3) there, about a tenth of an 8-bit
    /// step of the encoded value at mid-grey for the last.
    static let tolerance: Float = 3e-3

    /// The tables of `profile`, or nil when its conversion does not split into per-channel
    /// tables within `tolerance` (or could not be measured).
    static func tables(for profile: Data) -> ProfileTables? {
        guard ICCProfile.isMatrixShaper(profile) else { return nil }
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let known = cache.tables[profile] { return known }
        let measured = measure(profile)
        // A long-running process meeting many profiles keeps the latest few dozen.
        if cache.tables.count >= 32 { cache.tables.removeAll() }
        cache.tables[profile] = .some(measured)
        return measured
    }

    /// Linear RGB of every pixel of interleaved 8-bit RGB `raw`, in bands on every core.
    func convert(_ raw: UnsafeRawBufferPointer) -> [Float] {
        let pixels = raw.count / 3
        guard pixels > 0 else { return [] }
        return [Float](unsafeUninitializedCapacity: pixels * 3) { out, count in
            entries.withUnsafeBufferPointer { table in
                let source = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                let target = out.baseAddress!, lookup = table.baseAddress!
                let shared = ConversionPointers(source: source, target: target, table: lookup)
                let black = black
                Concurrently.forEachRange(of: pixels, bands: pixels >= 1 << 18 ? 16 : 1) { range in
                    for p in range {
                        let r = Int(shared.source[p * 3]), g = Int(shared.source[p * 3 + 1]), b = Int(shared.source[p * 3 + 2])
                        let red = shared.table + r * 3, green = shared.table + (256 + g) * 3, blue = shared.table + (512 + b) * 3
                        let o = shared.target + p * 3
                        o[0] = black.x + red[0] + green[0] + blue[0]
                        o[1] = black.y + red[1] + green[1] + blue[1]
                        o[2] = black.z + red[2] + green[2] + blue[2]
                    }
                }
            }
            count = pixels * 3
        }
    }

    /// The probe: every code of each channel alone (the others 0), then mixed colours to check
    /// that the sum holds.
    private static func measure(_ profile: Data) -> ProfileTables? {
        var probe: [UInt8] = [0, 0, 0]
        for channel in 0..<3 {
            for code in 0..<256 {
                var pixel: [UInt8] = [0, 0, 0]
                pixel[channel] = UInt8(code)
                probe += pixel
            }
        }
        let mixed = checkColours()
        for colour in mixed { probe += colour }
        let pixels = probe.count / 3
        let linear: [Float]
        do {
            let image = try probe.withUnsafeBytes { raw throws(ImagingError) in
                try VipsImageRef.fromMemory(raw, width: pixels, height: 1, bands: 3, format: Int32(ECHT_FORMAT_UCHAR),
                                            interpretation: Int32(ECHT_INTERPRETATION_sRGB), source: "profile probe")
            }
            image.set("icc-profile-data", blob: profile)
            var samples = try image.iccImported(fallbackProfile: "srgb").colourspace(Int32(ECHT_INTERPRETATION_scRGB)).floatPixels()
            PCSCorrection.apply(to: &samples)
            linear = samples
        } catch {
            return nil
        }
        guard linear.count == pixels * 3, linear.allSatisfy(\.isFinite) else { return nil }
        let black = SIMD3(linear[0], linear[1], linear[2])
        var entries = [Float](repeating: 0, count: 3 * 256 * 3)
        for k in 0..<(3 * 256) {
            for c in 0..<3 { entries[k * 3 + c] = linear[(1 + k) * 3 + c] - black[c] }
        }
        let tables = ProfileTables(entries: entries, black: black)
        var worst: Float = 0
        for (i, colour) in mixed.enumerated() {
            let whole = (1 + 3 * 256 + i) * 3
            let sum = tables.colour(colour)
            for c in 0..<3 { worst = max(worst, abs(linear[whole + c] - sum[c])) }
        }
        guard worst <= tolerance else { return nil }
        return tables
    }

    /// The tables' colour of one 8-bit RGB code.
    func colour(_ code: [UInt8]) -> SIMD3<Float> {
        var sum = black
        for channel in 0..<3 {
            let k = (channel * 256 + Int(code[channel])) * 3
            sum += SIMD3(entries[k], entries[k + 1], entries[k + 2])
        }
        return sum
    }

    /// Mixed colours the sum must reproduce: greys, the primaries and secondaries at several
    /// levels, and a spread of others.
    static func checkColours() -> [[UInt8]] {
        var colours: [[UInt8]] = []
        for level in stride(from: 0, through: 255, by: 17) {
            let v = UInt8(level)
            colours += [[v, v, v], [v, v, 0], [v, 0, v], [0, v, v], [255, v, 0], [0, 255, v], [v, 0, 255]]
        }
        var state: UInt32 = 12345
        for _ in 0..<256 {
            state = state &* 1_664_525 &+ 1_013_904_223
            colours.append([UInt8(truncatingIfNeeded: state >> 8), UInt8(truncatingIfNeeded: state >> 16), UInt8(truncatingIfNeeded: state >> 24)])
        }
        return colours
    }

    /// Measured tables by profile (nil: the profile has none).
    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var tables: [Data: ProfileTables?] = [:]
    }
    private static let cache = Cache()
}

/// The pointers of one conversion, shared by its bands; each band writes its own pixels.
private struct ConversionPointers: @unchecked Sendable {
    let source: UnsafePointer<UInt8>
    let target: UnsafeMutablePointer<Float>
    let table: UnsafePointer<Float>
}
