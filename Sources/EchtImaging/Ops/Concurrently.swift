import Dispatch
import Foundation

/// Independent pieces of work run at once, each on whatever core is free; the caller gets every
/// result when all are done. Called from a worker of a `WorkerPool`, the pieces go to that pool's
/// workers (Dispatch would run them one after another on the caller); elsewhere to
/// `DispatchQueue.concurrentPerform`.
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

    /// `side` on another thread while the caller runs `main`. Unlike `run`, `main`'s own pieces
    /// (`run`, `forEach` inside it) still get both cores outside a pool: Dispatch runs a
    /// `concurrentPerform` called within another one on fewer threads (on two cores, on one),
    /// but `side` is no such piece. When no thread has taken `side` by the time `main` is done,
    /// the caller runs it itself.
    public static func beside<A, B>(_ side: () -> A, _ main: () -> B) -> (A, B) {
        withoutActuallyEscaping(side) { side in
            withoutActuallyEscaping(main) { main in
                let a = Box<A>(), b = Box<B>()
                if WorkerPool.current != nil {
                    runAll([{ b.value = main() }, { a.value = side() }])
                } else {
                    let job = SideJob { a.value = side() }
                    DispatchQueue.global().async { job.take() }
                    b.value = main()
                    job.takeOrWait()
                }
                return (a.value!, b.value!)
            }
        }
    }

    /// `bands` pieces of `work` (given their index) at once, each run once.
    public static func forEach(_ bands: Int, _ work: (Int) -> Void) {
        withoutActuallyEscaping(work) { work in
            runAll((0..<max(bands, 1)).map { band in { work(band) } })
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
        let shared = Jobs(run: jobs)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { shared.run[$0]() }
    }

    /// One job's result; only that job writes it, and it is read after every job has finished.
    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }

    /// The side job of `beside`, run once by whichever thread takes it first; the job is let go
    /// as soon as it has run, before the caller learns so (`withoutActuallyEscaping` checks).
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

        /// Runs the job unless another thread has taken it, else waits until that one has run it.
        func takeOrWait() {
            guard !take() else { return }
            condition.lock()
            while !done { condition.wait() }
            condition.unlock()
        }
    }

    /// The jobs, handed to the workers of `concurrentPerform`; each runs once.
    private struct Jobs: @unchecked Sendable {
        let run: [() -> Void]
    }
}
