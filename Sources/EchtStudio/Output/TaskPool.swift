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

    /// Runs every task (and every task they add) on `workers` threads; returns when all are done.
    func run(workers: Int) {
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { worker in
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
