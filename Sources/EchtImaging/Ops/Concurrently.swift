import Dispatch
import Foundation

/// Independent pieces of work run at once, each on whatever core is free; the caller gets every
/// result when all are done. The caller runs the first piece itself and offers the others: called
/// from a worker of a `WorkerPool`, to that pool's workers; elsewhere to Dispatch's threads. Then
/// it runs every piece no thread has taken yet, and only then waits for those that one has.
/// Pieces may themselves run pieces at once (`DispatchQueue.concurrentPerform` would run a
/// nested one on the caller alone, one after another).
public enum Concurrently {
    /// `first`, `second` and `third` at once.
    public static func run<A, B, C>(_ first: () -> A, _ second: () -> B, _ third: () -> C) -> (A, B, C) {
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                withoutActuallyEscaping(third) { third in
                    let a = Box<A>(), b = Box<B>(), c = Box<C>()
                    runAll([{ a.value = first() }, { b.value = second() }, { c.value = third() }])
                    return (a.value!, b.value!, c.value!)
                }
            }
        }
    }

    /// `first` and `second` at once.
    public static func run<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        let (a, b, _) = run(first, second, {})
        return (a, b)
    }

    /// `bands` pieces of `work` (given their index) at once, each run once.
    public static func forEach(_ bands: Int, _ work: (Int) -> Void) {
        withoutActuallyEscaping(work) { work in
            runAll((0..<max(bands, 1)).map { band in { work(band) } })
        }
    }

    /// `work` of every index in `0..<count` at once; the results in index order.
    public static func map<T>(_ count: Int, _ work: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        return withoutActuallyEscaping(work) { work in
            let results = (0..<count).map { _ in Box<T>() }
            runAll((0..<count).map { index in { results[index].value = work(index) } })
            return results.map { $0.value! }
        }
    }

    /// `0..<count` cut into at most `bands` contiguous ranges of about the same length, each given
    /// to `work` once, at once (an empty range is never given; `count` 0 calls nothing).
    public static func forEachRange(of count: Int, bands: Int, _ work: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let length = (count + max(bands, 1) - 1) / max(bands, 1), pieces = (count + length - 1) / length
        if pieces == 1 { return work(0..<count) }
        forEach(pieces) { piece in work((piece * length)..<min(count, (piece + 1) * length)) }
    }

    /// Every one of `jobs` once, at once: on the calling pool's workers, else on Dispatch's.
    private static func runAll(_ jobs: [() -> Void]) {
        if let pool = WorkerPool.current { return pool.runPieces(jobs) }
        guard let first = jobs.first else { return }
        let offered = jobs.dropFirst().map { SideJob($0) }
        for job in offered { DispatchQueue.global().async { job.take() } }
        first()
        // Every piece no thread has taken yet, then a wait for each that one has: waiting in
        // order for a piece another thread runs would leave the rest to that thread alone.
        for job in offered { job.take() }
        for job in offered { job.wait() }
    }

    /// One job's result; only that job writes it, and it is read after every job has finished.
    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }

    /// A piece offered to Dispatch's threads, run once by whichever thread takes it first (the
    /// caller or one of them); the piece is let go as soon as it has run, before the caller
    /// learns so (`withoutActuallyEscaping` checks).
    private final class SideJob: @unchecked Sendable {
        private let condition = NSCondition()
        private var job: (() -> Void)?
        private var taken = false, done = false

        init(_ job: @escaping () -> Void) { self.job = job }

        /// Runs the job unless another thread has taken it; returns whether this one did.
        @discardableResult
        func take() -> Bool {
            condition.lock()
            let mine = !taken
            taken = true
            condition.unlock()
            guard mine else { return false }
            job?()
            job = nil
            condition.lock(); done = true; condition.broadcast(); condition.unlock()
            return true
        }

        /// Waits until the job has run (the caller has taken every job first).
        func wait() {
            condition.lock()
            while !done { condition.wait() }
            condition.unlock()
        }
    }
}
