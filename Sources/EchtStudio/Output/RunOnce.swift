import Foundation

/// Work that runs at the first of several places that may start it, never twice.
final class RunOnce: @unchecked Sendable {
    private var work: (@Sendable () -> Void)?
    private let lock = NSLock()

    init(_ work: @escaping @Sendable () -> Void) { self.work = work }

    /// Runs the work if no call has yet.
    func run() {
        lock.lock()
        let pending = work
        work = nil
        lock.unlock()
        pending?()
    }
}
