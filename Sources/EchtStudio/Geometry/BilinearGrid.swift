#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Where a similarity transform puts each output pixel in a source window of
/// `columns` × `rows` pixels, as bilinear taps. The per-column products are formed once and
/// the per-row ones once per row; every coordinate is the per-pixel formula's, evaluated in the
/// same order, so the samplers that share this grid give identical results.
struct BilinearGrid {
    /// One axis of a tap: lower index, upper index and the fraction between them.
    typealias Tap = (i: Int, i1: Int, t: Float)

    private let caX: [Double], saX: [Double]
    private let ca: Double, sa: Double, translationX: Double, translationY: Double
    private let maxX: Float, maxY: Float, lastX: Int, lastY: Int, columns: Int, rows: Int

    /// The grid of an output `width` pixels wide sampling a window of `columns` × `rows`.
    init(transform: SimilarityTransform, width: Int, columns: Int, rows: Int) {
        ca = cos(transform.angle) * transform.scale; sa = sin(transform.angle) * transform.scale
        let ca = ca, sa = sa
        caX = (0..<width).map { ca * (Double($0) + 0.5) }; saX = (0..<width).map { sa * (Double($0) + 0.5) }
        translationX = transform.translationX; translationY = transform.translationY
        maxX = Float(columns - 1); maxY = Float(rows - 1)
        lastX = columns - 2 < 0 ? 0 : columns - 2; lastY = rows - 2 < 0 ? 0 : rows - 2
        self.columns = columns; self.rows = rows
    }

    /// Whether the transform turns the image (otherwise columns depend on x only, rows on y only).
    var rotates: Bool { sa != 0 }

    /// The per-row terms of output row `y`.
    @inline(__always)
    func rowTerms(_ y: Int) -> (saY: Double, caY: Double) {
        let oy = Double(y) + 0.5
        return (sa * oy, ca * oy)
    }

    /// The column and row taps of output pixel `x` in the row whose terms are `terms`.
    @inline(__always)
    func taps(_ x: Int, _ terms: (saY: Double, caY: Double)) -> (column: Tap, row: Tap) {
        (Self.tap(Float(caX[x] - terms.saY + translationX - 0.5), limit: maxX, last: lastX, size: columns),
         Self.tap(Float(saX[x] + terms.caY + translationY - 0.5), limit: maxY, last: lastY, size: rows))
    }

    /// Without rotation: the column taps of every output column.
    func unrotatedColumns() -> [Tap] {
        caX.map { Self.tap(Float($0 - 0.0 + translationX - 0.5), limit: maxX, last: lastX, size: columns) }
    }

    /// Without rotation: the row tap of output row `y`.
    func unrotatedRow(_ y: Int) -> Tap {
        Self.tap(Float(0.0 + ca * (Double(y) + 0.5) + translationY - 0.5), limit: maxY, last: lastY, size: rows)
    }

    /// One axis of a bilinear tap: the clamped source position `f` split into the lower index,
    /// the upper index and the fraction, exactly as the per-pixel path computes them.
    @inline(__always)
    private static func tap(_ f: Float, limit: Float, last: Int, size: Int) -> Tap {
        let clamped = min(max(f, 0), limit)
        let i = min(Int(clamped), last)
        return (i, min(i + 1, size - 1), clamped - Float(i))
    }
}
