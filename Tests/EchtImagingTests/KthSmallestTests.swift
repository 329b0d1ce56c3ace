import EchtImaging
import EchtTestSupport
import Testing

/// Selection gives the sorted array's value at every rank asked (a median, a percentile).
@Suite struct KthSmallestTests {
    @Test(arguments: [1, 2, 7, 100, 4001])
    func selectionGivesTheSortedValue(count: Int) {
        var rng = SeededRandom(seed: UInt64(count))
        // Coarse values, so many are equal.
        let values = (0..<count).map { _ in Float(Int(rng.next(in: 0...40))) / 40 }
        let sorted = values.sorted()
        for k in Set([0, count / 2, count * 99 / 100, count - 1]) {
            var copy = values
            #expect(copy.kthSmallest(k) == sorted[k], "rank \(k) of \(count)")
        }
    }
}
