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

    /// `map` runs every index once and returns the results in index order, also for none.
    @Test(arguments: [0, 1, 2, 7])
    func mapReturnsEveryResultInIndexOrder(count: Int) {
        let runs = RunCount()
        let results = Concurrently.map(count) { index -> String in
            runs.add()
            // Later indices finish first where they run at once.
            usleep(UInt32(1000 * (count - index)))
            return "result \(index)"
        }
        #expect(results == (0..<count).map { "result \($0)" })
        #expect(runs.count == count)
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

/// Outside a pool, the caller runs the first piece while Dispatch's threads take the others, and
/// pieces of pieces still run at once (nested `concurrentPerform` runs them on one thread, one
/// after the other: with `concurrentPerform` outside a pool, `piecesOfPiecesStillRunAtOnce`
/// fails after its 10 s timeout).
struct ConcurrentlyNestingTests {
    @Test func theSecondPieceRunsWhileTheFirstWaitsForIt() {
        let secondRan = DispatchSemaphore(value: 0)
        let (waited, _) = Concurrently.run({ secondRan.wait(timeout: .now() + 10) == .success }, { secondRan.signal() })
        #expect(waited)
    }

    /// The first piece of a `run` inside each piece waits for the second: on one thread it
    /// would wait in vain.
    @Test func piecesOfPiecesStillRunAtOnce() {
        func meeting() -> Bool {
            let second = DispatchSemaphore(value: 0)
            let (met, _) = Concurrently.run({ second.wait(timeout: .now() + 10) == .success }, { second.signal() })
            return met
        }
        let (a, b) = Concurrently.run(meeting, meeting)
        #expect(a && b)
    }

    /// `forEach` inside `forEach`: every inner band of every outer band runs once.
    @Test func nestedBandsEachRunOnce() {
        let seen = BandsSeen()
        Concurrently.forEach(3) { outer in Concurrently.forEach(4) { inner in seen.note(outer * 10 + inner) } }
        #expect(seen.bands == [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23])
    }

    /// On a pool's worker, the pieces go to the pool.
    @Test func onAPoolsWorkerBothResultsComeBack() {
        let pool = WorkerPool(), result = BesideResult()
        pool.add { result.set(Concurrently.run({ 7 }, { 35 })) }
        pool.run(workers: 2)
        #expect(result.value == 42)
    }
}

/// The sum of two results on a pool, set once.
private final class BesideResult: @unchecked Sendable {
    private let lock = NSLock()
    private var sum = 0
    func set(_ pair: (Int, Int)) { lock.lock(); sum = pair.0 + pair.1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return sum }
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
