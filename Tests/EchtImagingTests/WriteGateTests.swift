import EchtImaging
import Foundation
import Testing

/// The gate an interrupted run closes before it cleans up.
@Suite struct WriteGateTests {
    @Test func anOpenGateLetsWritesThroughAndAClosedOneNone() {
        let gate = WriteGate()
        #expect(gate.enter())
        gate.leave()
        #expect(gate.close(timeout: 1))
        #expect(!gate.enter())
    }

    /// Closing waits for the write in progress to finish, so cleaning up afterwards sees its file.
    @Test func closingWaitsForTheWriteInProgress() async {
        let gate = WriteGate()
        #expect(gate.enter())
        let finished = Flag()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2)
            finished.set()
            gate.leave()
        }
        #expect(gate.close(timeout: 10))
        #expect(finished.value, "close returned before the write in progress left")
    }

    /// A write that never ends does not hang the interrupted run: closing gives up after its timeout.
    @Test func closingGivesUpAfterTheTimeout() {
        let gate = WriteGate()
        #expect(gate.enter())
        #expect(!gate.close(timeout: 0.05))
    }
}

/// A flag set on one thread and read on another.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func set() { lock.lock(); isSet = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return isSet }
}
