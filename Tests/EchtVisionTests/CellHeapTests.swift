import Testing
@testable import EchtVision

/// The geodesic searches pop their frontier from `CellHeap`; ties between equal distances are
/// broken by where entries sit in the heap, so the heap must give exactly the order of the
/// swap-based binary heap it replaced.
@Suite struct CellHeapTests {
    /// The binary heap as first written: entries swapped pairwise up and down.
    struct SwappingHeap {
        var items: [(Float, Int)] = []
        mutating func push(_ d: Float, _ i: Int) {
            items.append((d, i))
            var k = items.count - 1
            while k > 0 {
                let parent = (k - 1) / 2
                guard items[parent].0 > items[k].0 else { break }
                items.swapAt(parent, k); k = parent
            }
        }
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

    /// Pushes and pops interleaved, with many equal distances (few distinct values): the same
    /// entries come out in the same order, cells of tied distances included.
    @Test(arguments: [3, 50])
    func popsInTheOrderOfTheSwappingHeap(distinctDistances: Int) {
        var rng = SystemRandomNumberGenerator()
        var heap = CellHeap(), reference = SwappingHeap()
        var popped: [(Float, Int)] = [], expected: [(Float, Int)] = []
        for step in 0..<5000 {
            if Int.random(in: 0..<3, using: &rng) < 2 || step < 20 {
                let d = Float(Int.random(in: 0..<distinctDistances, using: &rng)) * 0.5
                heap.push(d, step); reference.push(d, step)
            } else {
                if let entry = heap.pop() { popped.append(entry) }
                if let entry = reference.pop() { expected.append(entry) }
            }
        }
        while let entry = heap.pop() { popped.append(entry) }
        while let entry = reference.pop() { expected.append(entry) }
        #expect(heap.isEmpty)
        #expect(popped.count == expected.count && popped.count > 3000)
        #expect(zip(popped, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
    }
}
