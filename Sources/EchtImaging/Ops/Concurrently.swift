import Dispatch
import Foundation

/// Independent pieces of work run at once: the first on the calling thread, the others each on
/// a thread of its own; the caller gets every result when all are done. Threads of their own,
/// not Dispatch's pool: a caller inside a worker pool whose other workers wait for work (the
/// studio's `TaskPool`) holds a slot of that pool, and `concurrentPerform` from there ran
/// everything on the caller while the other core idled. For pieces of milliseconds or more
/// (starting a thread costs tens of microseconds). Where the system refuses a thread, the
/// caller runs that piece itself.
public enum Concurrently {
    /// `first`, `second` and `third` at once.
    public static func run<A, B, C>(_ first: () -> A, _ second: () -> B, _ third: () -> C) -> (A, B, C) {
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                withoutActuallyEscaping(third) { third in
                    let a = Box<A>(), b = Box<B>(), c = Box<C>()
                    let jobs = Jobs(run: [{ b.value = second() }, { c.value = third() }])
                    let finished = DispatchGroup()
                    for k in jobs.run.indices {
                        finished.enter()
                        if !WorkerThread.start({ jobs.run[k](); finished.leave() }) { jobs.run[k](); finished.leave() }
                    }
                    a.value = first()
                    finished.wait()
                    jobs.run = []
                    return (a.value!, b.value!, c.value!)
                }
            }
        }
    }

    /// `first` and `second` at once.
    public static func run<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let a = Box<A>(), b = Box<B>()
                let job = Jobs(run: [{ b.value = second() }])
                let finished = DispatchGroup()
                finished.enter()
                if !WorkerThread.start({ job.run[0](); finished.leave() }) { job.run[0](); finished.leave() }
                a.value = first()
                finished.wait()
                job.run = []
                return (a.value!, b.value!)
            }
        }
    }

    /// `bands` pieces of `work` (given their index) at once, the first on the calling thread.
    public static func forEach(_ bands: Int, _ work: (Int) -> Void) {
        withoutActuallyEscaping(work) { work in
            let shared = Band(work: work)
            let finished = DispatchGroup()
            for band in 1..<max(bands, 1) {
                finished.enter()
                if !WorkerThread.start({ shared.work?(band); finished.leave() }) { shared.work?(band); finished.leave() }
            }
            work(0)
            finished.wait()
            shared.work = nil
        }
    }

    /// One job's result; only that job writes it, and it is read after every job has finished.
    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }

    /// The jobs, handed to their threads; each runs once. Emptied once all have finished: a
    /// thread may keep its closure (and so this box) a moment longer, never the jobs.
    private final class Jobs: @unchecked Sendable {
        var run: [() -> Void]
        init(run: [() -> Void]) { self.run = run }
    }

    /// The work of `forEach`, handed to its threads; let go as `Jobs` is.
    private final class Band: @unchecked Sendable {
        var work: ((Int) -> Void)?
        init(work: @escaping (Int) -> Void) { self.work = work }
    }
}
