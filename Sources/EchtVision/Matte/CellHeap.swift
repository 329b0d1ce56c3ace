/// A binary min-heap of (distance, cell index): the frontier of `SubjectPartition`'s geodesic search.
/// Sifting moves entries into a hole instead of swapping pairs: every entry ends where the
/// swaps would put it, so entries come out in the same order.
struct CellHeap {
    private var distances: [Float] = []
    private var cells: [Int] = []

    /// Whether no entry is left.
    var isEmpty: Bool { distances.isEmpty }

    /// Adds cell `i` at distance `d`.
    mutating func push(_ d: Float, _ i: Int) {
        distances.append(d); cells.append(i)
        distances.withUnsafeMutableBufferPointer { distance in
            cells.withUnsafeMutableBufferPointer { cell in
                // Up from the new last place while the parent is farther (the swaps' test).
                var k = distance.count - 1
                while k > 0 {
                    let parent = (k - 1) / 2
                    guard distance[parent] > d else { break }
                    distance[k] = distance[parent]; cell[k] = cell[parent]; k = parent
                }
                distance[k] = d; cell[k] = i
            }
        }
    }

    /// Removes and returns the nearest entry.
    mutating func pop() -> (Float, Int)? {
        guard let topDistance = distances.first else { return nil }
        let top = (topDistance, cells[0])
        let lastDistance = distances.removeLast(), lastCell = cells.removeLast()
        guard !distances.isEmpty else { return top }
        distances.withUnsafeMutableBufferPointer { distance in
            cells.withUnsafeMutableBufferPointer { cell in
                // Down from the root with the last entry: the smaller child moves up while it is
                // nearer than the entry and the other child (the swaps' tests, left first).
                let n = distance.count
                var k = 0
                while true {
                    let l = 2 * k + 1, r = l + 1
                    var m = k, nearest = lastDistance
                    if l < n && distance[l] < nearest { m = l; nearest = distance[l] }
                    if r < n && distance[r] < nearest { m = r }
                    guard m != k else { break }
                    distance[k] = distance[m]; cell[k] = cell[m]; k = m
                }
                distance[k] = lastDistance; cell[k] = lastCell
            }
        }
        return top
    }
}
