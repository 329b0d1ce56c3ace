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

    /// `forEach` runs every band once; the pieces after the first run on threads other than the
    /// caller's (so a caller holding a pool's slot still gets the other core).
    @Test func everyBandRunsOnceAndTheOthersOffTheCallersThread() {
        let runs = RunCount(), caller = pthread_self()
        let seen = ThreadsSeen()
        Concurrently.forEach(5) { band in
            runs.add()
            seen.note(band: band, onCaller: pthread_equal(pthread_self(), caller) != 0)
        }
        #expect(runs.count == 5)
        #expect(seen.bands == [0, 1, 2, 3, 4])
        #expect(seen.onCaller == [0], "only the first band runs on the caller")
        let (_, second) = Concurrently.run({ 0 }, { pthread_equal(pthread_self(), caller) != 0 })
        #expect(!second, "the second job runs on a thread of its own")
    }
}

/// Which bands ran, and which of them on the calling thread.
private final class ThreadsSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var all: Set<Int> = [], caller: Set<Int> = []
    func note(band: Int, onCaller: Bool) {
        lock.lock(); all.insert(band); if onCaller { caller.insert(band) }; lock.unlock()
    }
    var bands: [Int] { lock.lock(); defer { lock.unlock() }; return all.sorted() }
    var onCaller: [Int] { lock.lock(); defer { lock.unlock() }; return caller.sorted() }
}

/// Jobs run, counted under a lock.
private final class RunCount: @unchecked Sendable {
    private let lock = NSLock()
    private var runs = 0
    func add() { lock.lock(); runs += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return runs }
}
