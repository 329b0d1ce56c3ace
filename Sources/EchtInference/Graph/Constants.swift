/// Decodes constant tensor buffers (FLOAT32, FLOAT16, INT32) and densifies sparse ones.
enum Constants {
    /// The float values of constant tensor `index`, converting FLOAT16 and INT32; nil when it has no data.
    static func floats(_ file: ModelFile, _ index: Int) throws(InferenceError) -> [Float]? {
        let entry = file.tensors[index]
        guard let bytes = file.constantBytes(index) else { return nil }
        if entry.sparsity != nil { return try densify(file, index) }
        guard let type = entry.type, let size = type.byteCount, bytes.count == entry.elementCount * size else {
            throw file.buffer.malformed("constant tensor \(index) '\(entry.name)' of type \(entry.rawType) has \(bytes.count) bytes for shape \(entry.shape)")
        }
        switch type {
        case .float32, .float16, .int32:
            return decode(bytes, type: type, count: entry.elementCount)
        default:
            throw .unsupportedFeature(path: file.path, feature: "constant tensor \(index) '\(entry.name)' of type \(type)")
        }
    }

    /// The integer values of constant INT32 (or INT64) tensor `index`; nil when it has no data.
    static func ints(_ file: ModelFile, _ index: Int) throws(InferenceError) -> [Int]? {
        let entry = file.tensors[index]
        guard let bytes = file.constantBytes(index) else { return nil }
        let base = bytes.startIndex
        switch entry.type {
        case .int32 where bytes.count == entry.elementCount * 4:
            return (0..<entry.elementCount).map { i in Int(Int32(bitPattern: word(bytes, base + 4 * i))) }
        case .int64 where bytes.count == entry.elementCount * 8:
            return (0..<entry.elementCount).map { i in
                Int(truncatingIfNeeded: UInt64(word(bytes, base + 8 * i)) | UInt64(word(bytes, base + 8 * i + 4)) << 32)
            }
        default:
            throw file.buffer.malformed("constant tensor \(index) '\(entry.name)' should hold \(entry.elementCount) integers but has type \(entry.rawType) and \(bytes.count) bytes")
        }
    }

    private static func word(_ bytes: ArraySlice<UInt8>, _ p: Int) -> UInt32 {
        UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, type: ModelFile.ElementType, count: Int) -> [Float] {
        var result = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            result.withUnsafeMutableBufferPointer { out in
                for i in 0..<count {
                    switch type {
                    case .float16: out[i] = Float(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian))
                    case .int32: out[i] = Float(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                    default: out[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian)
                    }
                }
            }
        }
        return result
    }

    /// Expands a sparse (TACO-style) constant to its dense float values, validating every index.
    static func densify(_ file: ModelFile, _ index: Int) throws(InferenceError) -> [Float] {
        let entry = file.tensors[index]
        func bad(_ reason: String) -> InferenceError {
            file.buffer.malformed("sparse tensor \(index) '\(entry.name)' \(reason)")
        }
        guard let sparsity = entry.sparsity else { throw bad("has no sparsity parameters") }
        guard sparsity.blockMap.isEmpty else {
            throw .unsupportedFeature(path: file.path, feature: "block-sparse tensor \(index) '\(entry.name)'")
        }
        let rank = entry.shape.count
        let order = sparsity.traversalOrder
        guard order.count == rank, Set(order) == Set(0..<rank), sparsity.dimensions.count == rank else {
            throw bad("has traversal order \(order) and \(sparsity.dimensions.count) dimension levels for shape \(entry.shape)")
        }
        guard let type = entry.type, type == .float16 || type == .float32, let size = type.byteCount,
              let bytes = file.constantBytes(index), bytes.count % size == 0 else {
            throw bad("has no float16/float32 values")
        }
        let values = decode(bytes, type: type, count: bytes.count / size)
        guard entry.elementCount <= max(1 << 22, values.count * 64) else {
            throw bad("would expand \(values.count) stored values to \(entry.elementCount) dense ones")
        }
        // Walk the levels: each position p maps to its children; `linear` is the index in traversal layout.
        var positions = [0]
        var linear = [0]
        for (level, dimension) in sparsity.dimensions.enumerated() {
            let extent = entry.shape[order[level]]
            var nextPositions: [Int] = []
            var nextLinear: [Int] = []
            switch dimension {
            case .dense(let denseSize):
                guard denseSize == extent else { throw bad("level \(level) is dense of size \(denseSize) but the dimension is \(extent)") }
                guard positions.count * extent <= entry.elementCount else { throw bad("expands to more entries than its shape holds") }
                nextPositions.reserveCapacity(positions.count * extent)
                nextLinear.reserveCapacity(positions.count * extent)
                for (p, l) in zip(positions, linear) {
                    for i in 0..<extent {
                        nextPositions.append(p * extent + i)
                        nextLinear.append(l * extent + i)
                    }
                }
            case .compressed(let segments, let indices):
                for (p, l) in zip(positions, linear) {
                    guard p + 1 < segments.count, segments[p] >= 0, segments[p] <= segments[p + 1], segments[p + 1] <= indices.count else {
                        throw bad("level \(level) has an out-of-range segment for position \(p)")
                    }
                    for k in segments[p]..<segments[p + 1] {
                        guard indices[k] >= 0, indices[k] < extent else { throw bad("level \(level) has index \(indices[k]) outside 0..<\(extent)") }
                        nextPositions.append(k)
                        nextLinear.append(l * extent + indices[k])
                    }
                    guard nextLinear.count <= entry.elementCount else { throw bad("expands to more entries than its shape holds") }
                }
            }
            positions = nextPositions
            linear = nextLinear
            guard linear.count <= entry.elementCount else { throw bad("expands to more entries than its shape holds") }
        }
        guard linear.count == values.count else { throw bad("stores \(values.count) values but its indices address \(linear.count)") }
        // Scatter in traversal layout, then undo the permutation.
        let traversed = order.map { entry.shape[$0] }
        var stored = [Float](repeating: 0, count: entry.elementCount)
        for (l, v) in zip(linear, values) { stored[l] = v }
        if order == Array(0..<rank) { return stored }
        var dense = [Float](repeating: 0, count: entry.elementCount)
        var coordinate = [Int](repeating: 0, count: rank)
        var strides = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * entry.shape[d + 1] }
        for l in 0..<stored.count {
            var rest = l
            for level in stride(from: rank - 1, through: 0, by: -1) {
                coordinate[level] = rest % traversed[level]
                rest /= traversed[level]
            }
            var target = 0
            for level in 0..<rank { target += coordinate[level] * strides[order[level]] }
            dense[target] = stored[l]
        }
        return dense
    }
}
