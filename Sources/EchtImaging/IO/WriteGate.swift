import Foundation

/// A gate that file writes pass through, so that an interrupted run can stop new files from
/// appearing and wait for the writes in progress before it cleans up. Every `AtomicFile`
/// write passes `WriteGate.shared`.
public final class WriteGate: @unchecked Sendable {
    /// The gate of this process's `AtomicFile` writes.
    public static let shared = WriteGate()

    private let condition = NSCondition()
    private var closed = false
    private var inFlight = 0

    /// Creates an open gate.
    public init() {}

    /// Closes the gate for good: `enter` fails from now on. Returns once the writes in progress
    /// have finished, or after `timeout` seconds; true when none is left.
    @discardableResult
    public func close(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        closed = true
        while inFlight > 0 {
            if !condition.wait(until: deadline) { return inFlight == 0 }
        }
        return true
    }

    /// Whether the gate has been closed.
    public var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    /// Starts a write; false when the gate is closed (the write must not start).
    public func enter() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        inFlight += 1
        return true
    }

    /// Ends a write that `enter` started.
    public func leave() {
        condition.lock()
        inFlight -= 1
        condition.broadcast()
        condition.unlock()
    }
}
