import Foundation
import Testing
@testable import EchtImaging

/// `Concurrently.run` hands back each job's own result, in the order given, every job run once.
struct ConcurrentlyTests {
    @Test func eachJobsResultComesBackInItsPlace() {
        let runs = RunCount()
        let (a, b, c) = Concurrently.run({ runs.add(); return (0..<1000).reduce(0, +) },
                                         { runs.add(); return "second" },
                                         { runs.add(); return [Float](repeating: 2, count: 3) })
        #expect(a == 499_500 && b == "second" && c == [2, 2, 2])
        let (d, e) = Concurrently.run({ runs.add(); return 1 }, { runs.add(); return Optional<Int>.none })
        #expect(d == 1 && e == nil)
        #expect(runs.count == 5)
    }

    /// `forEach` runs every band once.
    @Test func everyBandRunsOnce() {
        let runs = RunCount(), seen = BandsSeen()
        Concurrently.forEach(5) { band in runs.add(); seen.note(band) }
        #expect(runs.count == 5 && seen.bands == [0, 1, 2, 3, 4])
    }

    /// `forEachRange` gives every index once, in contiguous ranges, none of them empty, at most
    /// the bands asked for, also when there are fewer indices than bands or none.
    @Test(arguments: [(0, 4), (1, 4), (3, 4), (10, 4), (10, 3), (1000, 4), (1001, 16), (7, 1)])
    func everyIndexOnceInRanges(count: Int, bands: Int) {
        let ranges = RangesSeen()
        Concurrently.forEachRange(of: count, bands: bands) { ranges.note($0) }
        let all = ranges.all.sorted { $0.lowerBound < $1.lowerBound }
        #expect(all.allSatisfy { !$0.isEmpty } && all.count <= bands)
        #expect(all.flatMap { Array($0) } == Array(0..<count))
    }
}

/// Which ranges ran.
private final class RangesSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [Range<Int>] = []
    func note(_ range: Range<Int>) { lock.lock(); seen.append(range); lock.unlock() }
    var all: [Range<Int>] { lock.lock(); defer { lock.unlock() }; return seen }
}

/// Which bands ran.
private final class BandsSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var all: Set<Int> = []
    func note(_ band: Int) { lock.lock(); all.insert(band); lock.unlock() }
    var bands: [Int] { lock.lock(); defer { lock.unlock() }; return all.sorted() }
}

/// Jobs run, counted under a lock.
private final class RunCount: @unchecked Sendable {
    private let lock = NSLock()
    private var runs = 0
    func add() { lock.lock(); runs += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return runs }
}
