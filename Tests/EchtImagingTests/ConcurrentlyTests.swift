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

/// `beside` runs its side job while the caller runs the main one, and the main job's own pieces
/// still run at once (nested in `run`, Dispatch would run them on one thread, one after the other).
struct ConcurrentlyBesideTests {
    @Test func bothResultsComeBackAndEachJobRunsOnce() {
        let runs = RunCount()
        let (a, b) = Concurrently.beside({ runs.add(); return (0..<1000).reduce(0, +) }, { runs.add(); return "main" })
        #expect(a == 499_500 && b == "main" && runs.count == 2)
    }

    @Test func theSideJobRunsWhileTheMainOneWaitsForIt() {
        let sideRan = DispatchSemaphore(value: 0)
        let (_, waited) = Concurrently.beside({ sideRan.signal() }, { sideRan.wait(timeout: .now() + 10) == .success })
        #expect(waited)
    }

    /// The first piece of a `run` inside the main job waits for the second: on one thread it
    /// would wait in vain (`Concurrently.run` in place of `beside` fails this).
    @Test func theMainJobsPiecesStillRunAtOnce() {
        let (_, together) = Concurrently.beside({ (0..<1000).reduce(0, +) }, { () -> Bool in
            let second = DispatchSemaphore(value: 0)
            let (met, _) = Concurrently.run({ second.wait(timeout: .now() + 10) == .success }, { second.signal() })
            return met
        })
        #expect(together)
    }

    /// On a pool's worker, the side job goes to the pool.
    @Test func onAPoolsWorkerBothResultsComeBack() {
        let pool = WorkerPool(), result = BesideResult()
        pool.add { result.set(Concurrently.beside({ 7 }, { 35 })) }
        pool.run(workers: 2)
        #expect(result.value == 42)
    }
}

/// The sum of `beside`'s two results on a pool, set once.
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
