import Foundation

/// A per-call float arena, zero-initialised once; owned by one `run` at a time.
final class Arena: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { base.deallocate() }
}

/// Hands out arenas so concurrent `run` calls never share scratch memory; idle arenas are reused.
final class ArenaPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Arena] = []
    private let size: Int

    init(size: Int) { self.size = size }

    func take() -> Arena {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast() ?? Arena(count: size)
    }

    func give(_ arena: Arena) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < 4 { idle.append(arena) }
    }
}
