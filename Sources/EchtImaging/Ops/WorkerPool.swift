import Foundation

/// A fixed set of workers pulling tasks first-in first-out until none is left; a running task may
/// add more (a framing adds its renders, a render its files). A task's own parallel pieces
/// (`Concurrently` called on a worker) go to the pool too: a worker waiting for tasks takes them,
/// and the task that made them runs them itself until all are taken, then waits for the rest.
/// (Dispatch's `concurrentPerform` called on a worker runs every piece on that worker alone.)
public final class WorkerPool: @unchecked Sendable {
    private var tasks: [(@Sendable () -> Void)?] = []
    private var head = 0, running = 0
    /// Pieces waiting for a worker, the newest last.
    private var pieces: [Piece] = []
    private let condition = NSCondition()

    /// An empty pool.
    public init() {}

    /// Queues `task`; a task may call this for the tasks that follow from it.
    public func add(_ task: @escaping @Sendable () -> Void) {
        condition.lock(); tasks.append(task); condition.signal(); condition.unlock()
    }

    /// Runs every task (and every task they add) on `workers` threads; returns, when all are done,
    /// how long each worker waited for work (seconds a core was idle but for other processes).
    @discardableResult
    public func run(workers: Int) -> [Double] {
        let idle = IdleTimes(count: max(1, workers))
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { worker in
            let start = Date()
            var busy = 0.0
            let outer = pthread_getspecific(currentPoolKey)
            pthread_setspecific(currentPoolKey, Unmanaged.passUnretained(self).toOpaque())
            defer { pthread_setspecific(currentPoolKey, outer) }
            while let work = next() {
                let began = Date()
                switch work {
                case .task(let task):
                    task()
                    condition.lock(); running -= 1; condition.broadcast(); condition.unlock()
                case .piece(let piece):
                    finish(piece)
                }
                busy += Date().timeIntervalSince(began)
            }
            idle.set(worker, Date().timeIntervalSince(start) - busy)
        }
        return idle.values
    }

    /// The pool whose worker is running the current code, if any.
    static var current: WorkerPool? {
        pthread_getspecific(currentPoolKey).map { Unmanaged<WorkerPool>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs every one of `jobs` once, on this pool's workers and the calling one (itself a worker
    /// of this pool), and returns when all have finished.
    func runPieces(_ jobs: [() -> Void]) {
        guard let first = jobs.first else { return }
        let group = PieceGroup(left: jobs.count)
        condition.lock()
        // The caller runs the first job now; the rest go on the stack in reverse, so whoever
        // takes the next piece (a free worker or the caller) takes them in order.
        for job in jobs.dropFirst().reversed() { pieces.append(Piece(group: group, job: job)) }
        condition.broadcast()
        condition.unlock()
        first()
        condition.lock()
        group.left -= 1
        while group.left > 0 {
            if let piece = pieces.popLast() {
                condition.unlock()
                finish(piece)
                condition.lock()
            } else {
                condition.wait()
            }
        }
        condition.unlock()
    }

    private func finish(_ piece: Piece) {
        piece.run()
        condition.lock(); piece.group.left -= 1; condition.broadcast(); condition.unlock()
    }

    private func next() -> Work? {
        condition.lock(); defer { condition.unlock() }
        while true {
            if let piece = pieces.popLast() { return .piece(piece) }
            if head < tasks.count {
                running += 1
                defer { tasks[head] = nil; head += 1 }
                return .task(tasks[head]!)
            }
            if running == 0 { return nil }
            condition.wait()
        }
    }

    /// What a worker takes next: a queued task or a running task's piece.
    private enum Work {
        case task(@Sendable () -> Void)
        case piece(Piece)
    }

    /// One job of a `runPieces` call; the call waits until its group has none left. The job is
    /// let go as soon as it has run, before its group learns so: the caller's closures must not
    /// outlive the call (`withoutActuallyEscaping` checks).
    private final class Piece: @unchecked Sendable {
        let group: PieceGroup
        private var job: (() -> Void)?
        init(group: PieceGroup, job: @escaping () -> Void) { self.group = group; self.job = job }
        func run() { job?(); job = nil }
    }

    /// How many of one call's jobs have not finished; read and written under the pool's lock.
    private final class PieceGroup: @unchecked Sendable {
        var left: Int
        init(left: Int) { self.left = left }
    }

    /// Each worker's idle seconds; each worker writes only its own.
    private final class IdleTimes: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: [Double]
        init(count: Int) { seconds = Array(repeating: 0, count: count) }
        func set(_ worker: Int, _ value: Double) { lock.lock(); seconds[worker] = value; lock.unlock() }
        var values: [Double] { lock.lock(); defer { lock.unlock() }; return seconds }
    }
}

/// The thread-specific slot that names the pool a worker thread belongs to.
private let currentPoolKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()
