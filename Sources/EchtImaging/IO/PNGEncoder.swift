/// Who compresses 8-bit RGB and RGBA PNG files.
public enum PNGEncoder: Sendable, Equatable {
    /// Echt's own writer: rows filtered with `filter`, compressed by libdeflate at `level` (0...12).
    /// The defaults, measured on 1920×2400 studio cut-outs (BENCHMARKS.md): the average filter
    /// gives the smallest files of the five, and level 1 is the fastest, smaller than libvips' zlib level 2.
    case echt(filter: PNGRowFilter = .average, level: Int = 1)
    /// libvips' pngsave (zlib level 2, average filter), as before the own writer; kept for comparison.
    case libvips
}
