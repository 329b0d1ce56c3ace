import Foundation

/// Counts finished jobs down from a fixed number under a lock; exactly one caller sees it reach zero.
final class Countdown: @unchecked Sendable {
    private var remaining: Int
    private let lock = NSLock()

    init(_ count: Int) { remaining = count }

    /// Counts one job as finished; true for the call that finishes the last one.
    func finishOne() -> Bool {
        lock.lock(); defer { lock.unlock() }
        remaining -= 1
        return remaining == 0
    }
}
