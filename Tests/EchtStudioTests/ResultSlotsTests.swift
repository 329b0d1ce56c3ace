import Testing
@testable import EchtStudio

/// `ResultSlots` releasing a value after its last reader: `StudioSession` lets the full-size
/// mattes (and each framed subject) go this way, so later stages reuse their memory.
@Suite struct ResultSlotsTests {
    /// Stands for a large buffer; `weak` references to it show when the slot lets it go.
    final class Token: Sendable {}

    @Test("a value stays until its last reader is done, then the slot lets it go")
    func releasesAfterLastUse() {
        let slots = ResultSlots<Token>(count: 2)
        weak var first: Token?, second: Token?
        do {
            let a = Token(), b = Token()
            first = a; second = b
            slots.set(0) { a }
            slots.set(1) { b }
        }
        slots.setUses(0, 3)
        slots.used(0)
        slots.used(0)
        #expect(first != nil, "released before its last reader")
        #expect((try? slots.outcome(0).get()) != nil)
        slots.used(0)
        #expect(first == nil, "kept after its last reader")
        #expect(second != nil, "a slot without readers set keeps its value")
        #expect(throws: StudioError.self) { try slots.outcome(0).get() }
    }

    @Test("a value put in is taken over: the slot alone keeps it, until its last reader is done")
    func putTakesTheValueOver() {
        let slots = ResultSlots<Token>(count: 1)
        weak var held: Token?
        do {
            let token = Token()
            held = token
            slots.put(0, consume token)
        }
        #expect(held != nil, "the slot keeps what was put in")
        slots.setUses(0, 1)
        slots.used(0)
        #expect(held == nil, "kept after its last reader")
    }

    @Test("a failure is kept for reporting after the last reader")
    func keepsFailures() {
        let slots = ResultSlots<Token>(count: 1)
        slots.set(0) { () throws(StudioError) -> Token in throw .noFace("photo.jpg") }
        slots.setUses(0, 1)
        slots.used(0)
        #expect(slots.failures().count == 1)
        guard case let .failure(error) = slots.outcome(0) else { Issue.record("expected the failure"); return }
        #expect(error == .noFace("photo.jpg"))
    }
}
