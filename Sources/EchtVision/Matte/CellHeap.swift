/// A binary min-heap of (distance, cell index): the frontier of `SubjectPartition`'s geodesic search.
struct CellHeap {
    private var items: [(Float, Int)] = []

    /// Whether no entry is left.
    var isEmpty: Bool { items.isEmpty }

    /// Adds cell `i` at distance `d`.
    mutating func push(_ d: Float, _ i: Int) {
        items.append((d, i))
        var k = items.count - 1
        while k > 0 {
            let parent = (k - 1) / 2
            guard items[parent].0 > items[k].0 else { break }
            items.swapAt(parent, k); k = parent
        }
    }

    /// Removes and returns the nearest entry.
    mutating func pop() -> (Float, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var k = 0
        while true {
            let l = 2 * k + 1, r = l + 1
            var m = k
            if l < items.count && items[l].0 < items[m].0 { m = l }
            if r < items.count && items[r].0 < items[m].0 { m = r }
            guard m != k else { break }
            items.swapAt(m, k); k = m
        }
        return top
    }
}
