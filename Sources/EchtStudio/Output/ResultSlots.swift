import Foundation

/// Results of concurrent jobs, filled slot by slot under a lock.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, StudioError>?]
    private let lock = NSLock()

    private var uses: [Int]

    init(count: Int) { slots = Array(repeating: nil, count: count); uses = Array(repeating: 0, count: count) }

    /// The number of readers of a slot; after the last calls `used`, the value is released.
    func setUses(_ index: Int, _ count: Int) { lock.lock(); uses[index] = count; lock.unlock() }

    /// One reader is done with a slot's value (a failure is kept for reporting).
    func used(_ index: Int) {
        lock.lock(); defer { lock.unlock() }
        uses[index] -= 1
        if uses[index] == 0, case .success? = slots[index] { slots[index] = .failure(.imaging("a released studio result was read again")) }
    }

    /// Fills a slot with `value`, taking it over (the caller keeps no copy when it passes `consume x`).
    func put(_ index: Int, _ value: consuming Value) {
        lock.lock(); slots[index] = .success(value); lock.unlock()
    }

    func set(_ index: Int, _ work: () throws(StudioError) -> Value) {
        let outcome: Result<Value, StudioError>
        do { outcome = .success(try work()) } catch { outcome = .failure(error) }
        lock.lock(); slots[index] = outcome; lock.unlock()
    }

    /// One slot's outcome; a slot not yet filled counts as a job that did not finish.
    func outcome(_ index: Int) -> Result<Value, StudioError> {
        lock.lock(); defer { lock.unlock() }
        return slots[index] ?? .failure(.imaging("a studio job did not finish"))
    }

    func outcomes() -> [Result<Value, StudioError>] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0 ?? .failure(.imaging("a studio job did not finish")) }
    }

    /// The errors of the slots that were filled with one.
    func failures() -> [StudioError] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { if case let .failure(error)? = $0 { error } else { nil } }
    }
}
