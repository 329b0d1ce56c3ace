/// Who compresses 8-bit RGB and RGBA PNG files.
public enum PNGEncoder: Sendable, Equatable {
    /// Echt's own writer: rows filtered with `filter`, compressed by ISA-L's igzip at `level` (0...3).
    /// The defaults, measured on 1920×2400 studio cut-outs (BENCHMARKS.md): the average filter
    /// gives the smallest files of the five, and level 2 is as fast as levels 0 and 1 and smaller.
    case echt(filter: PNGRowFilter = .average, level: Int = 2)
    /// libvips' pngsave (zlib level 2, average filter), as before the own writer; kept for comparison.
    case libvips
}
