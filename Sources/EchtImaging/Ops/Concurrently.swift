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

    /// The jobs, handed to the workers of `concurrentPerform`; each runs once.
    private struct Jobs: @unchecked Sendable {
        let run: [() -> Void]
    }
}
