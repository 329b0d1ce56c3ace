import Foundation
import Testing
@testable import EchtImaging

/// The studio's pool: every task once, and a task's `Concurrently` pieces reach the other workers.
@Suite struct WorkerPoolTests {
    @Test("every task, including tasks added by running tasks, runs exactly once")
    func runsEveryTaskOnce() {
        let pool = WorkerPool()
        let seen = Tally()
        for i in 0..<10 {
            pool.add {
                seen.note(i)
                for k in 1...3 { pool.add { seen.note(10 + i * 3 + k - 1) } }
            }
        }
        let idle = pool.run(workers: 3)
        #expect(seen.all == Array(0..<40))
        #expect(idle.count == 3)
    }

    /// Two pieces that can only finish together (each waits for the other's signal) finish when
    /// called from a worker: they run on two threads at once, not one after the other on the caller.
    @Test("a worker's Concurrently pieces run at the same time on the pool's workers")
    func piecesReachTheOtherWorker() {
        let pool = WorkerPool()
        let outcome = Tally()
        pool.add {
            let first = DispatchSemaphore(value: 0), second = DispatchSemaphore(value: 0)
            let (a, b) = Concurrently.run({ () -> Bool in
                first.signal()
                return second.wait(timeout: .now() + 20) == .success
            }, { () -> Bool in
                second.signal()
                return first.wait(timeout: .now() + 20) == .success
            })
            outcome.note(a && b ? 1 : 0)
        }
        pool.run(workers: 2)
        #expect(outcome.all == [1])
    }

    /// Pieces inside pieces (bands inside a three-way split), from many tasks at once: every band
    /// of every task runs once and each result lands in its place.
    @Test func nestedPiecesRunOnce() {
        let pool = WorkerPool()
        let seen = Tally()
        let tasks = 200
        for task in 0..<tasks {
            pool.add {
                let (x, y, _) = Concurrently.run({ () -> Int in
                    Concurrently.forEach(6) { band in seen.note(task * 100 + band) }
                    return task
                }, { () -> Int in
                    Concurrently.forEach(3) { band in seen.note(task * 100 + 50 + band) }
                    return task * 2
                }, {})
                seen.note(1000 + x + y)
            }
        }
        pool.run(workers: 2)
        var expected: [Int] = []
        for task in 0..<tasks {
            expected += (0..<6).map { task * 100 + $0 }
            expected += (0..<3).map { task * 100 + 50 + $0 }
            expected.append(1000 + 3 * task)
        }
        #expect(seen.all == expected.sorted())
    }

    /// Outside a pool `Concurrently` still runs its pieces (on Dispatch's workers).
    @Test func piecesOutsideAPoolRun() {
        let seen = Tally()
        Concurrently.forEach(4) { seen.note($0) }
        #expect(seen.all == [0, 1, 2, 3])
        #expect(WorkerPool.current == nil)
    }
}

/// Numbers noted under a lock, read back sorted.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var numbers: [Int] = []
    func note(_ number: Int) { lock.lock(); numbers.append(number); lock.unlock() }
    var all: [Int] { lock.lock(); defer { lock.unlock() }; return numbers.sorted() }
}
