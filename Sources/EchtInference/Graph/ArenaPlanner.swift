/// Assigns every activation tensor an offset in one float arena, reusing memory between
/// tensors whose lifetimes (first write to last read, in node order) do not overlap.
enum ArenaPlanner {
    struct Request {
        var tensor: Int, size: Int, first: Int, last: Int
    }

    /// Floats per alignment unit (64 bytes).
    static let alignment = 16

    /// Returns the offset of each requested tensor and the arena size, placing after `reserved` floats.
    static func plan(_ requests: [Request], reserved: Int) -> (offsets: [Int: Int], size: Int) {
        func rounded(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
        var placed: [(start: Int, end: Int, first: Int, last: Int)] = []
        var offsets: [Int: Int] = [:]
        var size = rounded(reserved)
        for request in requests.sorted(by: { ($0.size, $1.tensor) > ($1.size, $0.tensor) }) {
            let length = rounded(max(request.size, 1))
            let conflicts = placed
                .filter { $0.first <= request.last && request.first <= $0.last }
                .sorted { $0.start < $1.start }
            var offset = rounded(reserved)
            for block in conflicts where offset + length > block.start {
                offset = max(offset, block.end)
            }
            placed.append((offset, offset + length, request.first, request.last))
            offsets[request.tensor] = offset
            size = max(size, offset + length)
        }
        return (offsets, size)
    }
}
