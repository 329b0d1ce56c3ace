import EchtImaging
import EchtInference
import Testing
@testable import EchtVision

/// The models' sRGB encoding by table (`SRGB.encode(_:tables:)`) gives exactly `SRGB.encode`
/// for the samples of 8-bit photos it looks up, and within 1e-6 of it for every other value.
struct SRGBByteTablesTests {
    @Test func everyByteValueEncodesExactly() {
        let values = SRGBTransfer.linearFromByte
        let looked = SRGB.withByteTables { tables in values.map { SRGB.encode($0, tables: tables) } }
        let differing = zip(looked, values.map { SRGB.encode($0) }).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0)
    }

    /// Every other value: the neighbours of the codes' values, a sweep of a million (every octave
    /// down to the linear part, the table's step edges included), the ends and outside.
    @Test func everyOtherValueEncodesWithinOneMillionth() {
        var values = SRGBTransfer.linearFromByte.map { $0.nextUp } + SRGBTransfer.linearFromByte.map { $0.nextDown }
        values += (0...1_000_000).map { Float($0) / 1_000_000 }
        values += (0...(9 * 256)).flatMap { k -> [Float] in
            let edge = Float(bitPattern: SRGB.powerTableStart + UInt32(k) << 15)
            return [edge, edge.nextDown, edge.nextUp]
        }
        values += [0.0031308, Float(0.0031308).nextUp, -0.5, -0, 1, Float(1).nextDown, 1.5, .infinity, -.infinity, .leastNonzeroMagnitude]
        let looked = SRGB.withByteTables { tables in values.map { SRGB.encode($0, tables: tables) } }
        let worst = zip(looked, values.map { SRGB.encode($0) }).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-6)
        #expect(SRGB.withByteTables { SRGB.encode(.nan, tables: $0) }.isNaN)
    }

    /// The tables find every 8-bit code's linear value (else the look-up would never be taken).
    @Test func everyCodeIsFound() {
        for (code, linear) in SRGBTransfer.linearFromByte.enumerated() {
            #expect(Int(SRGB.byteOfQuantised[SRGB.quantised(linear)]) == code)
        }
    }

    /// Whether a tensor is dim is decided by counting, as the sorted median would decide it:
    /// also when the median sits exactly on the threshold.
    @Test(arguments: [0.29, 0.3, 0.31])
    func dimnessFollowsTheSortedMedian(median: Float) {
        let n = 1001
        let unit = (0..<n).map { i -> Float in i == n / 2 ? median : (i < n / 2 ? Float(i) / Float(n) * median : median + Float(i) / Float(n)) }
        let tensor = Tensor(shape: [1, n, 1, 1], values: unit.reversed().map { $0 * 2 - 1 })
        let sortedMedian = tensor.values.map { ($0 + 1) / 2 }.sorted()[(n - 1) / 2]
        #expect((DimInput.normalised(tensor) != nil) == (sortedMedian < DimInput.dimMedian))
    }
}

/// The dim-input percentiles picked from bins equal those of a whole sort.
struct OrderStatisticsTests {
    @Test func ranksAreThoseOfTheSortedValues() {
        var state: UInt32 = 7
        var values = (0..<20000).map { _ -> Float in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 20) / 4096 * 1.2 - 0.1
        }
        values += [Float](repeating: 0.25, count: 500) + [0, 1, -3, 7]
        let sorted = values.sorted()
        let ranks = [0, 1, 199, 10_000, 10_250, 19_999, values.count - 1]
        let picked = DimInput.orderStatistics(values, ranks: ranks)
        #expect(picked.map(\.bitPattern) == ranks.map { sorted[$0].bitPattern })
    }
}
