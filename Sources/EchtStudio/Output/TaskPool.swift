import EchtImaging
import Foundation

/// A fixed set of workers pulling tasks first-in first-out until none is left; a running task
/// may add more (a framing adds its renders, a render its files).
final class TaskPool: @unchecked Sendable {
    private var tasks: [(@Sendable () -> Void)?] = []
    private var head = 0, running = 0
    private let condition = NSCondition()

    func add(_ task: @escaping @Sendable () -> Void) {
        condition.lock(); tasks.append(task); condition.signal(); condition.unlock()
    }

    /// Runs every task (and every task they add) on `workers` threads, the calling one among
    /// them; returns when all are done. The other workers are threads of their own, not of
    /// Dispatch's pool: a worker waiting for work then holds none of that pool's threads, so a
    /// task that splits its own work (`Concurrently`, `concurrentPerform`) gets the idle core.
    func run(workers: Int) {
        let count = max(1, workers), finished = DispatchGroup()
        for worker in 1..<count {
            finished.enter()
            // Where the system refuses a thread, the workers that did start do the work.
            if !WorkerThread.start({ [self] in work(worker); finished.leave() }) { finished.leave() }
        }
        work(0)
        finished.wait()
    }

    /// One worker's loop: tasks until none is left.
    private func work(_ worker: Int) {
        let start = Date()
        var busy = 0.0
        while let task = next() {
            let began = Date()
            task()
            busy += Date().timeIntervalSince(began)
            condition.lock(); running -= 1; condition.broadcast(); condition.unlock()
        }
        // How long this worker waited for work (a core idle but for other processes).
        Trace.mark(String(format: "pool worker %d idle %.3f s of", worker, Date().timeIntervalSince(start) - busy), since: start)
    }

    private func next() -> (@Sendable () -> Void)? {
        condition.lock(); defer { condition.unlock() }
        while head == tasks.count && running > 0 { condition.wait() }
        guard head < tasks.count else { return nil }
        running += 1
        defer { tasks[head] = nil; head += 1 }
        return tasks[head]
    }
}
